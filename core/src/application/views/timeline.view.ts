import type { Incident } from '../../domain/incident';
import type { TimelineEntry } from '../../domain/timeline';
import { readableMentions, type RichText, type View } from './view';

/** The latest entries, newest last; chat messages are capped, so the full record lives in the postmortem and the API. */
export function timelineView(incident: Incident, entries: readonly TimelineEntry[], total: number): View {
  const items = entries.map((e): RichText => [
    { code: e.occurredAt.toISOString().slice(11, 19) },
    ' ',
    ...(e.highlighted ? ['⭐ '] : []),
    ...(e.actor ? [{ bold: e.actor.name ?? e.actor.id }, ': '] : []),
    e.deletedAt ? { italic: '(message deleted)' } : oneLine(e.text),
    ...(e.revisions.length ? [' ', { italic: '(edited)' }] : []),
  ]);
  const shown = entries.length < total ? `Latest ${entries.length} of ${total} entries (UTC). The postmortem has them all.` : `${total} entries (UTC).`;
  return {
    fallback: `Timeline of ${incident.reference}: ${total} entries`,
    blocks: [
      { type: 'header', text: `Timeline · ${incident.reference}` },
      ...(items.length ? [{ type: 'list' as const, items }] : [{ type: 'text' as const, text: ['Nothing recorded yet.'] }]),
      { type: 'context', text: [shown] },
    ],
  };
}

// Tokens become names first, so the cut can never fall inside one.
const oneLine = (raw: string) => {
  const text = readableMentions(raw);
  return (text.length > 280 ? `${text.slice(0, 279)}…` : text).replace(/\s*\n\s*/g, ' ⏎ ');
};
