import type { Incident } from '../../domain/incident';
import type { StatusUpdate } from '../../domain/status-update';
import type { MusterSettings } from '../container/settings';
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

/**
 * Where approving sends the update, said before anyone approves: with no stakeholder channel for its
 * audience, "publish" reaches only the incident's own room, and the approver must know that.
 */
export function destinationLine(update: Pick<StatusUpdate, 'audience'>, settings: Pick<MusterSettings, 'stakeholderChannels'>): string {
  const count = settings.stakeholderChannels[update.audience].length;
  return count === 0
    ? `No stakeholder channel is configured for ${update.audience} updates: approving publishes to this room only.`
    : `Approving publishes to ${count} stakeholder ${count === 1 ? 'channel' : 'channels'} for ${update.audience} updates and to this room.`;
}

/** A draft waiting for a Communications Lead or Incident Commander, or its outcome once decided. */
export function statusUpdateView(update: StatusUpdate, incident: Incident, settings?: Pick<MusterSettings, 'stakeholderChannels'>): View {
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
      ...(settings ? [{ type: 'text' as const, tone: 'warning' as const, text: [destinationLine(update, settings)] }] : []),
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
    const outside = update.publishedTo.filter((t) => !t.kind.endsWith('-incident-room'));
    const where = outside.length ? update.publishedTo.map((t) => t.name).join(', ') : 'this room only: no stakeholder channel is configured, so nobody outside the room got it';
    blocks.push({ type: 'text', tone: 'success', text: ['✅ Published to ', where, ...(update.decidedBy ? [' · approved by ', { mention: update.decidedBy }] : [])] });
  } else {
    blocks.push({ type: 'text', tone: 'muted', text: ['✖ Rejected', ...(update.decidedBy ? [' by ', { mention: update.decidedBy }] : []), ...(update.rejectionReason ? [`: ${update.rejectionReason}`] : [])] });
  }
  return { fallback: `${AUDIENCE[update.audience]} update for ${incident.reference} (${update.state.replace('_', ' ')})`, blocks };
}

/**
 * What a stakeholder channel receives once approved. An external update never carries the internal
 * title or reference (they name systems, customers and guesses): it is headed with the configured
 * public title, or a neutral "Service update" with the affected services.
 */
export function publishedUpdateView(update: StatusUpdate, incident: Incident, settings?: Pick<MusterSettings, 'publicUpdateTitle'>): View {
  const s = incident.snapshot();
  const heading = update.audience === 'external' ? externalHeading(s.services, settings?.publicUpdateTitle) : `${incident.reference} · ${s.severity} · ${s.title} — ${s.status}`;
  return {
    fallback: `${heading}\n${update.body}`,
    blocks: [
      { type: 'header', text: heading },
      { type: 'text', text: [update.body] },
      { type: 'context', text: [`Posted ${(update.publishedAt ?? update.decidedAt ?? update.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`] },
    ],
  };
}

const externalHeading = (services: readonly string[], publicTitle?: string): string => {
  const title = publicTitle?.trim() || 'Service update';
  return services.length ? `${title}: ${services.join(', ')}` : title;
};
