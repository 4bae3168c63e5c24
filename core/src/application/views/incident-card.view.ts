import { durationsOf, formatDuration } from '../../domain/durations';
import type { Incident } from '../../domain/incident';
import type { ChatPlatform, ConversationRef } from '../../domain/person';
import type { Button, Inline, RichText, View } from './view';
import type { MusterSettings } from '../container/settings';
import { ACTIONS } from './action-ids';
import type { IntegrationStatus } from '../../domain/integration';
import { INTEGRATION_ICON, integrationHead, integrationLine, outcomeSuffix } from './integration-line';

const STATUS_LABEL: Record<string, string> = {
  triage: '🔴 Triage', investigating: '🟠 Investigating', mitigated: '🟡 Mitigated', resolved: '🟢 Resolved',
  postmortem: '📝 Postmortem', closed: '⚪ Closed', declined: '⚪ Declined (false alarm)',
};

/** The pinned card: what is wrong, how bad, who is on it, what to press next. */
export function incidentCardView(incident: Incident, settings: MusterSettings): View {
  const s = incident.snapshot();
  const level = settings.severities.find(s.severity);
  const d = durationsOf(s.milestones);
  // Every role of the catalogue has its line, so a missing Scribe or SME is visible as a gap to fill.
  const holders = (role: string): RichText => {
    const people = incident.holdersOf(role);
    return people.length ? people.flatMap((p, i): Inline[] => (i ? [', ', { mention: p }] : [{ mention: p }])) : [{ italic: 'vacant' }];
  };
  const links = s.links.external;
  // One incident may have rooms on Slack and Teams: each room's card says where the others are.
  const rooms = s.links.rooms.length > 1
    ? [{ label: 'Rooms', value: s.links.rooms.flatMap((r, i): Inline[] => [...(i ? [' · '] : []), `${PLATFORM_NAMES[r.platform]}: `, roomInline(r)]) }]
    : [];
  return {
    fallback: `${incident.reference} [${s.severity}] ${s.title} — ${s.status}`,
    blocks: [
      { type: 'header', text: `${incident.reference} · ${s.severity} · ${s.title}` },
      ...(s.summary ? [{ type: 'text' as const, text: [s.summary] }] : []),
      {
        type: 'fields',
        fields: [
          { label: 'Status', value: [STATUS_LABEL[s.status] ?? s.status] },
          { label: 'Severity', value: [level ? `${level.id} (${level.label})` : s.severity] },
          ...settings.roles.roles.map((r) => ({ label: r.multiple && incident.holdersOf(r.id).length > 1 ? `${r.label}s` : r.label, value: holders(r.id) })),
          { label: 'Services', value: [s.services.length ? s.services.join(', ') : '—'] },
          ...rooms,
        ],
      },
      ...(links.length ? [{ type: 'list' as const, items: links.map((l): RichText => [`${l.kind}: `, { link: { url: l.url, text: l.title } }]) }] : []),
      ...(incident.integrations.length ? [{ type: 'list' as const, items: incident.integrations.map(integrationInline) }] : []),
      {
        type: 'context',
        text: [
          `Declared ${s.milestones.declared?.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          ...(d.timeToAcknowledge !== undefined ? [` · acknowledged after ${formatDuration(d.timeToAcknowledge)}`] : []),
          ...(d.timeToMitigate !== undefined ? [` · mitigated after ${formatDuration(d.timeToMitigate)}`] : []),
          ...(d.timeToResolve !== undefined ? [` · resolved after ${formatDuration(d.timeToResolve)}`] : []),
          ...(s.private ? [' · 🔒 private'] : []),
        ],
      },
      ...(incident.isOpen ? [{ type: 'actions' as const, buttons: cardButtons(incident) }] : []),
    ],
  };
}

/** An integration's card line, its link clickable: "🎫 Jira ticket: OPS-12". */
function integrationInline(status: IntegrationStatus): RichText {
  const icon = `${INTEGRATION_ICON[status.kind]} `;
  const made = status.state === 'done' || status.state === 'acknowledged' || status.state === 'resolved';
  if (!status.link || !made) return [icon, integrationLine(status)];
  const suffix = outcomeSuffix(status);
  return [icon, `${integrationHead(status)}: `, { link: { url: status.link.url, text: status.link.title } }, ...(suffix ? [suffix] : [])];
}

export const PLATFORM_NAMES: Record<ChatPlatform, string> = { slack: 'Slack', teams: 'Teams', console: 'the console' };

/** A room as people recognise it: its name, a link when the platform gave one. */
export function roomInline(room: ConversationRef): Inline {
  const name = room.name ?? room.conversationId;
  return room.url ? { link: { url: room.url, text: name } } : name;
}

function cardButtons(incident: Incident): Button[] {
  const value = incident.id;
  const buttons: Button[] = [];
  if (incident.status === 'triage') buttons.push({ actionId: ACTIONS.ack, label: 'Acknowledge', value, style: 'primary' });
  if (incident.status !== 'mitigated') buttons.push({ actionId: ACTIONS.mitigate, label: 'Mitigated', value });
  buttons.push(
    { actionId: ACTIONS.changeSeverity, label: 'Change severity', value },
    { actionId: ACTIONS.assignRole, label: 'Assign role', value },
    { actionId: ACTIONS.resolve, label: 'Resolve', value, style: 'danger', confirm: `Resolve ${incident.reference}? A postmortem draft starts right after.` },
  );
  return buttons;
}
