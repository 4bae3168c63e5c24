import type { Incident } from '../../domain/incident';
import type { StatusUpdate } from '../../domain/status-update';
import { ACTIONS } from './action-ids';
import type { Block, View } from './view';

const AUDIENCE = { internal: 'Internal', external: 'External' } as const;

/** `<update id>@<version>`: an approval or edit names the text its author was shown. */
export const draftVersionRef = (update: Pick<StatusUpdate, 'id' | 'version'>): string => `${update.id}@${update.version}`;

export function parseDraftVersionRef(value: string): { id: string; version?: number } {
  const at = value.lastIndexOf('@');
  if (at < 0) return { id: value };
  const version = Number(value.slice(at + 1));
  return { id: value.slice(0, at), ...(Number.isInteger(version) && version >= 0 ? { version } : {}) };
}

/** A draft waiting for a Communications Lead or Incident Commander, or its outcome once decided. */
export function statusUpdateView(update: StatusUpdate, incident: Incident): View {
  const who = update.author.kind === 'person' ? 'Written by '
    : update.author.model === 'extractive' ? 'Draft from the timeline (no AI), asked for by ' : `AI draft (${update.author.model}), asked for by `;
  const author = update.author.kind === 'ai' ? update.author.requestedBy : update.author.person;
  const blocks: Block[] = [
    { type: 'header', text: `${AUDIENCE[update.audience]} update for ${incident.reference}` },
    { type: 'text', text: [update.body] },
    { type: 'context', text: [who, { mention: author }, ...(update.editedBy ? [' · edited by ', { mention: update.editedBy }] : [])] },
  ];
  if (update.state === 'pending_approval' || update.state === 'draft') {
    blocks.push(
      { type: 'context', text: ['Needs approval from the Communications Lead or Incident Commander before anything is sent.'] },
      {
        type: 'actions',
        buttons: [
          { actionId: ACTIONS.approveUpdate, label: 'Approve & publish', value: draftVersionRef(update), style: 'primary', confirm: `Publish this ${update.audience} update?` },
          { actionId: ACTIONS.editUpdate, label: 'Edit', value: draftVersionRef(update) },
          { actionId: ACTIONS.rejectUpdate, label: 'Reject', value: update.id, style: 'danger' },
        ],
      },
    );
  } else if (update.state === 'approved') {
    blocks.push({ type: 'text', tone: 'success', text: ['✅ Approved by ', ...(update.decidedBy ? [{ mention: update.decidedBy }] : []), '; publishing…'] });
  } else if (update.state === 'published') {
    const where = update.publishedTo.map((t) => t.name).join(', ') || 'no configured channel';
    blocks.push({ type: 'text', tone: 'success', text: ['✅ Published to ', where, ...(update.decidedBy ? [' · approved by ', { mention: update.decidedBy }] : [])] });
  } else {
    blocks.push({ type: 'text', tone: 'muted', text: ['✖ Rejected', ...(update.decidedBy ? [' by ', { mention: update.decidedBy }] : []), ...(update.rejectionReason ? [`: ${update.rejectionReason}`] : [])] });
  }
  return { fallback: `${AUDIENCE[update.audience]} update for ${incident.reference} (${update.state.replace('_', ' ')})`, blocks };
}

/** What a stakeholder channel receives once approved. */
export function publishedUpdateView(update: StatusUpdate, incident: Incident): View {
  const s = incident.snapshot();
  const heading = update.audience === 'external' ? `Service update: ${s.title}` : `${incident.reference} · ${s.severity} · ${s.title} — ${s.status}`;
  return {
    fallback: `${heading}\n${update.body}`,
    blocks: [
      { type: 'header', text: heading },
      { type: 'text', text: [update.body] },
      { type: 'context', text: [`Posted ${(update.publishedAt ?? update.decidedAt ?? update.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`] },
    ],
  };
}
