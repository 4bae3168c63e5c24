import { POSTMORTEM_STATE_LABELS } from '@muster/core';
import type { IncidentSection } from './incident-section';

/**
 * The postmortem on the incident page: its state, how many sections are drafted or written, and the
 * way to the editor and the exports. Reads the stored postmortem only (not the document with its
 * timeline); none is stored until someone opens it or a draft is made.
 */
export const postmortemSection: IncidentSection = {
  id: 'postmortem',
  async render({ incident, deps }) {
    const postmortem = await deps.repos.postmortems.findByIncident(incident.id);
    const base = `/incidents/${incident.reference}/postmortem`;
    const sections = postmortem?.sections ?? [];
    const count = (origins: readonly string[]) => sections.filter((s) => origins.includes(s.origin)).length;
    const drafted = count(['ai', 'extractive']);
    const written = count(['human']);
    return (
      <section class="panel" aria-labelledby="postmortem-heading">
        <h2 id="postmortem-heading">Postmortem</h2>
        {postmortem ? (
          <p>
            <span class={`badge ${postmortem.state === 'published' ? 'state-ok' : 'state-warn'}`}>{POSTMORTEM_STATE_LABELS[postmortem.state]}</span>{' '}
            {written} of {sections.length} sections written by people, {drafted} drafted and not yet edited.
          </p>
        ) : (
          <p class="muted">Not started: a draft is made when the incident is resolved, or write it now.</p>
        )}
        <p>
          <a href={base}>{postmortem ? 'Edit the postmortem' : 'Write the postmortem'}</a> · Export: <a href={`${base}.md`} download>Markdown</a> · <a href={`${base}.pdf`} download>PDF</a>
        </p>
      </section>
    );
  },
};
