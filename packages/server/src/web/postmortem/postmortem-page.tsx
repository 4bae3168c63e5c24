import { randomUUID } from 'node:crypto';
import { displayName, MAX_SECTION_LENGTH, POSTMORTEM_STATE_LABELS, type Incident, type Postmortem, type PostmortemSection } from '@muster/core';
import type { WebSession } from '@muster/store';
import { Layout } from '../layout';
import { renderMarkdown } from './postmortem-markdown';

/** A save that was refused: the section, what the person typed (kept), why, and for a conflict the text now stored. */
export interface RefusedEdit {
  readonly key: string;
  readonly typed: string;
  readonly message: string;
  /** The revision the form carries now: the current one after a conflict, so saving again replaces what was read. */
  readonly revision: number;
  readonly current?: PostmortemSection;
}

export interface PostmortemPageProps {
  readonly incident: Incident;
  readonly postmortem: Postmortem;
  /** The whole document as core renders it (the .md export), shown below the editors. */
  readonly markdown: string;
  readonly session: WebSession;
  readonly csrf: string;
  /** Whether this person may mark it reviewed or start the postmortem stage (core decides again on submit). */
  readonly canTransition: boolean;
  readonly notice?: string;
  readonly refused?: RefusedEdit;
}

const ORIGIN_LABELS: Record<PostmortemSection['origin'], string> = {
  ai: 'AI draft', extractive: 'Extracted from the timeline', human: 'Written by a person', empty: 'Not written yet',
};

/**
 * `/incidents/INC-42/postmortem`: each narrative section as a Markdown form with its preview (the
 * server renders it; postmortem-editor.js re-renders it as the person types), the state with the
 * next step, the exports, and the whole document as exported with its facts, durations and timeline.
 * Works without JavaScript: the preview then shows the saved text.
 */
export function PostmortemPage(p: PostmortemPageProps) {
  const { incident, postmortem } = p;
  const base = `/incidents/${incident.reference}/postmortem`;
  return (
    <Layout title={`Postmortem ${incident.reference}`} session={p.session} csrf={p.csrf} area="incidents" scripts={['postmortem-editor.js']}>
      <p><a href={`/incidents/${incident.reference}`}>← {incident.reference}</a></p>
      <h1>Postmortem · {incident.reference} · {incident.title}</h1>
      {p.notice && <p class="flash ok" role="status">{p.notice}</p>}
      <section class="panel" aria-labelledby="pm-state">
        <h2 id="pm-state">State: <span class={`badge ${postmortem.state === 'published' ? 'state-ok' : 'state-warn'}`}>{POSTMORTEM_STATE_LABELS[postmortem.state]}</span></h2>
        <NextStep {...p} />
        <p>
          Export: <a href={`${base}.md`} download>Markdown</a> · <a href={`${base}.pdf`} download>PDF</a>
        </p>
      </section>
      {postmortem.sections.map((s) => (
        <SectionEditor incident={incident} section={s} csrf={p.csrf} refused={p.refused?.key === s.key ? p.refused : undefined} />
      ))}
      <section aria-labelledby="pm-document">
        <h2 id="pm-document">The whole document</h2>
        <p class="muted">As the exports have it: the facts and durations from the record, the sections above, the action items and the timeline.</p>
        {/* markdown-it with raw HTML off (postmortem-markdown.ts): the only unescaped HTML on the page. */}
        <article class="markdown-doc panel" dangerouslySetInnerHTML={{ __html: renderMarkdown(p.markdown, 2) }} />
      </section>
    </Layout>
  );
}

/** Mark reviewed when it is in its postmortem stage, start that stage when resolved; otherwise why not yet. */
function NextStep({ incident, postmortem, csrf, canTransition }: PostmortemPageProps) {
  const base = `/incidents/${incident.reference}/postmortem`;
  if (postmortem.state === 'published') return <p>Reviewed. Closing the incident (<code>/incident close</code>) finishes it.</p>;
  if (incident.status !== 'postmortem' && incident.status !== 'resolved') {
    return <p class="muted">The sections can be edited any time; the postmortem stage starts once {incident.reference} is resolved (it is {incident.status}).</p>;
  }
  if (!canTransition) {
    return <p class="muted">The Incident Commander or Operations Lead {incident.status === 'resolved' ? 'starts the postmortem stage and ' : ''}marks the postmortem reviewed.</p>;
  }
  return incident.status === 'resolved' ? (
    <form method="post" action={`${base}/start`}>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="_key" value={randomUUID()} />
      <p>{incident.reference} is resolved. Start its postmortem stage to have the document reviewed.</p>
      <button type="submit">Start the postmortem stage</button>
    </form>
  ) : (
    <form method="post" action={`${base}/reviewed`} data-confirm="Mark this postmortem reviewed? It can no longer be marked again.">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="_key" value={randomUUID()} />
      <p>When the people who ran the incident have read it through:</p>
      <button type="submit">Mark reviewed</button>
    </form>
  );
}

function OriginBadge({ section }: { section: PostmortemSection }) {
  const by = section.origin === 'human' && section.editedBy ? `, last edited by ${displayName(section.editedBy)}` : '';
  return <span class={`badge origin-${section.origin}`}>{ORIGIN_LABELS[section.origin]}{by}</span>;
}

/** One section: its Markdown in a textarea, the preview beside it, Save with the revision the form was opened at. */
function SectionEditor({ incident, section, csrf, refused }: { incident: Incident; section: PostmortemSection; csrf: string; refused?: RefusedEdit }) {
  const id = section.key;
  const text = refused ? refused.typed : section.body;
  const over = text.trim().length > MAX_SECTION_LENGTH;
  return (
    <section class="pm-section panel" id={`section-${id}`} aria-labelledby={`title-${id}`}>
      <h2 id={`title-${id}`}>{section.title} <OriginBadge section={section} /></h2>
      {refused && <p class="flash error" role="alert" id={`error-${id}`}>{refused.message}</p>}
      {refused?.current && (
        <div class="pm-current">
          <h3>The text saved meanwhile</h3>
          <div class="markdown-doc" dangerouslySetInnerHTML={{ __html: renderMarkdown(refused.current.body || '_Empty._') }} />
          <p class="muted">Your text is kept below. Save again to replace the saved text with yours, or copy what you need first.</p>
        </div>
      )}
      <form method="post" action={`/incidents/${incident.reference}/postmortem/sections/${id}`} class="pm-editor">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="_key" value={randomUUID()} />
        <input type="hidden" name="revision" value={String(refused ? refused.revision : (section.revision ?? 0))} />
        <div class="pm-columns">
          <div>
            <label for={`body-${id}`}>{section.title} (Markdown)</label>
            <textarea id={`body-${id}`} name="body" rows={10} data-preview={`preview-${id}`} data-counter={`count-${id}`} data-max={String(MAX_SECTION_LENGTH)}
              aria-describedby={`count-${id}${refused ? ` error-${id}` : ''}`} aria-invalid={refused ? 'true' : undefined}>{text}</textarea>
            <p class={`muted pm-count${over ? ' state-bad' : ''}`} id={`count-${id}`}>{text.trim().length} of {MAX_SECTION_LENGTH} characters</p>
          </div>
          <div>
            <p class="pm-preview-label" id={`preview-label-${id}`}>Preview</p>
            <div class="markdown-doc pm-preview" id={`preview-${id}`} aria-labelledby={`preview-label-${id}`} role="region"
              dangerouslySetInnerHTML={{ __html: renderMarkdown(text || '_To be written._') }} />
          </div>
        </div>
        <button type="submit">Save {section.title}</button>
      </form>
    </section>
  );
}
