import { TOKENS, type Clock, type TimelineEntry } from '@muster/core';
import { absoluteTime, When } from '../when';
import { ChangeForm, ExternalLink, incidentPath } from './change-form';
import type { IncidentSection } from './incident-section';
import { messageLink } from './message-links';

export const TIMELINE_PAGE = 50;
const KIND_LABELS: Partial<Record<TimelineEntry['kind'], string>> = {
  declared: 'Declared', message: 'Message', command: 'Command', status_change: 'Status', severity_change: 'Severity', role_change: 'Role',
  note: 'Note', highlight: 'Highlight', alert: 'Alert', integration: 'Integration', update_published: 'Update published', ai_draft: 'AI draft',
  action_item: 'Action item', room: 'Room', file: 'File', reminder: 'Reminder', workflow: 'Workflow',
};

/**
 * The whole timeline, one page at a time through TimelineQuery (`?tl_after=<position>` pages on,
 * `?tl=newest` shows the latest page), never loaded at once. Highlights are marked, edits show their
 * earlier texts, deletions are marked without their text, captured messages link back to the platform.
 */
export const timelineSection: IncidentSection = {
  id: 'timeline',
  async render({ incident, w, deps }) {
    const now = deps.container.get<Clock>(TOKENS.Clock).now();
    const newest = w.url.searchParams.get('tl') === 'newest';
    const afterText = w.url.searchParams.get('tl_after') ?? '';
    const after = /^\d{1,15}$/.test(afterText) ? Number(afterText) : undefined;
    const [total, loaded] = await Promise.all([
      deps.repos.timeline.count(incident.id),
      newest ? deps.repos.timeline.list(incident.id, { newest: TIMELINE_PAGE })
        : deps.repos.timeline.list(incident.id, { afterPosition: after, limit: TIMELINE_PAGE + 1 }),
    ]);
    const entries = loaded.slice(0, TIMELINE_PAGE);
    const last = entries.at(-1)?.position;
    const more = !newest && loaded.length > TIMELINE_PAGE && last !== undefined;
    const path = incidentPath(incident.reference);
    const rooms = incident.snapshot().links.rooms;
    return (
      <section class="panel" aria-labelledby="timeline-h" id="timeline">
        <h2 id="timeline-h">Timeline <span class="muted">({total} {total === 1 ? 'entry' : 'entries'})</span></h2>
        {entries.length === 0 && <p class="muted">Nothing on the timeline on this page.</p>}
        <ol class="timeline">{entries.map((e) => <Entry entry={e} now={now} link={e.external ? messageLink(e.external, rooms) : undefined} />)}</ol>
        <nav class="pager" aria-label="Timeline pages">
          {(after !== undefined || newest) ? <a href={`${path}#timeline`}>From the start</a> : <span />}
          {more && <a href={`${path}?tl_after=${last}#timeline`}>Later entries →</a>}
          {!newest && (more || after !== undefined) && <a href={`${path}?tl=newest#timeline`}>Newest entries</a>}
        </nav>
        <ChangeForm action={`${path}/notes`} csrf={w.csrf} label="Add a note">
          <label for="note-text">Add a note to the timeline</label>
          <textarea id="note-text" name="text" required maxLength={4000} class="short" />
          <button type="submit">Add note</button>
        </ChangeForm>
      </section>
    );
  },
};

function Entry({ entry, now, link }: { entry: TimelineEntry; now: Date; link?: string }) {
  const classes = [entry.highlighted ? 'highlight' : '', entry.deletedAt ? 'deleted' : ''].filter(Boolean).join(' ');
  return (
    <li class={classes || undefined} data-kind={entry.kind}>
      <p class="entry-meta">
        <When at={entry.occurredAt} now={now} /> · <strong>{entry.actor ? (entry.actor.name ?? entry.actor.id) : 'Muster'}</strong> · {KIND_LABELS[entry.kind] ?? entry.kind}
        {entry.source !== 'system' && <span class="muted"> · {entry.source}</span>}
        {entry.highlighted && <span class="badge highlight-badge"> ★ Highlight</span>}
        {entry.revisions.length > 0 && <span class="badge"> edited</span>}
        {link && <> · <ExternalLink url={link}>Open in {entry.external!.platform === 'slack' ? 'Slack' : 'Teams'}</ExternalLink></>}
      </p>
      {entry.deletedAt
        ? <p class="muted">Message deleted in chat {absoluteTime(entry.deletedAt)}; its text is not kept.</p>
        : <p class="entry-text">{entry.text}</p>}
      {entry.revisions.length > 0 && (
        <details>
          <summary>Earlier versions ({entry.revisions.length})</summary>
          <ol>{entry.revisions.map((r) => <li><span class="muted">until {absoluteTime(r.at)}:</span> {r.text}</li>)}</ol>
        </details>
      )}
    </li>
  );
}
