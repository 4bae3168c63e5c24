import { displayName, formatReference, MILESTONES, personKey, type Milestone, type PersonRef, type SummaryRequest, type TimelineEntry } from '@muster/core';
import { conversationOf, type ConversationLine } from './salience';

/** One remembered line of the timeline, with who said it. */
export interface FactLine {
  readonly at: Date;
  readonly who?: string;
  readonly text: string;
}

export interface ChangeLine {
  readonly at: Date;
  readonly who?: string;
  readonly from?: string;
  readonly to: string;
}

export interface ActionLine {
  readonly text: string;
  readonly owner?: string;
}

/** What the extractive summaries are built from: structured facts only, nothing invented. */
export interface TimelineFacts {
  readonly reference: string;
  readonly milestones: readonly (readonly [Milestone, Date])[];
  readonly roleHolders: readonly { readonly role: string; readonly name: string }[];
  readonly statusChanges: readonly ChangeLine[];
  readonly severityChanges: readonly ChangeLine[];
  readonly roleChanges: readonly FactLine[];
  /** Highlighted lines people wrote; Muster's own entries (published updates, drafts) never count. */
  readonly highlights: readonly FactLine[];
  /** What people said and noted, oldest first, chit-chat left out: the material for picked lines. */
  readonly conversation: readonly ConversationLine[];
  readonly notes: readonly FactLine[];
  readonly alerts: readonly FactLine[];
  readonly openQuestions: readonly FactLine[];
  readonly openActions: readonly ActionLine[];
  /** When the last approved update went out, so an update can say what changed since. */
  readonly lastUpdatePublishedAt?: Date;
  readonly reopened: boolean;
  readonly lastActivityAt?: Date;
}

/** Recent questions: the last this many chat messages are searched for ones ending in "?". */
const QUESTION_WINDOW = 60;

export function gatherFacts(request: SummaryRequest, timeline: readonly TimelineEntry[]): TimelineFacts {
  const { incident } = request;
  const live = timeline.filter((e) => !e.deletedAt && e.kind !== 'ai_draft');
  const who = (e: TimelineEntry) => (e.actor ? displayName(e.actor) : undefined);
  const line = (e: TimelineEntry): FactLine => ({ at: e.occurredAt, who: who(e), text: e.text.trim() });
  const change = (e: TimelineEntry): ChangeLine => ({ at: e.occurredAt, who: who(e), from: str(e.data.from), to: str(e.data.to) ?? e.text.trim() });
  const of = (kind: TimelineEntry['kind']) => live.filter((e) => e.kind === kind);
  const statusChanges = of('status_change').map(change);
  const messages = of('message');
  const published = of('update_published');
  const conversation = conversationOf(live, namesById(request, timeline));

  return {
    reference: formatReference(incident.number),
    milestones: MILESTONES.flatMap((m) => (incident.milestones[m] ? [[m, incident.milestones[m]!] as const] : [])),
    roleHolders: incident.roles.map((r) => ({ role: request.roleLabels[r.role] ?? r.role, name: displayName(r.person) })),
    statusChanges,
    severityChanges: of('severity_change').map(change),
    roleChanges: of('role_change').map(line),
    highlights: conversation.filter((c) => c.highlighted),
    conversation,
    notes: of('note').map(line),
    alerts: of('alert').map(line),
    openQuestions: messages.slice(-QUESTION_WINDOW).filter((e) => e.actor && /\?\s*$/.test(e.text)).map(line),
    openActions: openActionItems(of('action_item')),
    lastUpdatePublishedAt: published.at(-1)?.occurredAt,
    reopened: statusChanges.some((c) => c.from === 'resolved' && c.to === 'investigating'),
    lastActivityAt: live.at(-1)?.occurredAt,
  };
}

/**
 * Action items appear on the timeline when created and again when completed or cancelled; the last
 * word on each item (by its id in `data`) decides whether it is still open.
 */
function openActionItems(entries: readonly TimelineEntry[]): ActionLine[] {
  const items = new Map<string, { text: string; owner?: string; open: boolean }>();
  for (const e of entries) {
    const id = str(e.data.actionItemId) ?? str(e.data.id) ?? e.id;
    const state = str(e.data.state);
    const owner = isPerson(e.data.owner) ? displayName(e.data.owner) : undefined;
    const previous = items.get(id);
    items.set(id, {
      text: str(e.data.text) ?? previous?.text ?? e.text.trim(),
      owner: owner ?? previous?.owner,
      open: state === undefined ? previous?.open ?? true : state === 'open',
    });
  }
  return [...items.values()].filter((i) => i.open).map(({ text, owner }) => ({ text, owner }));
}

/** Display names by person key (`slack:U02BOB`), so a mention token in a quoted line reads as a name. */
function namesById(request: SummaryRequest, timeline: readonly TimelineEntry[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const add = (p: PersonRef | undefined) => {
    if (p?.name && !names.has(personKey(p))) names.set(personKey(p), displayName(p));
  };
  add(request.incident.declaredBy);
  for (const r of request.incident.roles) add(r.person);
  for (const e of timeline) {
    add(e.actor);
    for (const value of Object.values(e.data)) if (isPerson(value)) add(value);
  }
  return names;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function isPerson(value: unknown): value is PersonRef {
  return typeof value === 'object' && value !== null && typeof (value as PersonRef).id === 'string';
}
