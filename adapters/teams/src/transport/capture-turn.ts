import type { CaptureResult, ConversationRef } from '@muster/core';
import { isHighlight } from './highlight-reactions';
import { messageTextOf } from './message-text';
import { candidateRooms, idempotencyKeyOf, sentAtOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';
import { senderOf, type TurnDeps } from './turn-deps';

/**
 * Offers a change to each room the message may belong to, most specific first (its thread, then its
 * channel), and stops at the first that is an incident room. Outside incident rooms nothing is stored
 * and nothing is said.
 */
async function inRoom(turn: TeamsTurn, tenantId: string, apply: (room: ConversationRef) => Promise<CaptureResult>): Promise<CaptureResult> {
  let result: CaptureResult = 'not_an_incident_room';
  for (const room of candidateRooms(turn.activity, tenantId)) {
    result = await apply(room);
    if (result !== 'not_an_incident_room') break;
  }
  return result;
}

/** The root of the reply chain a channel message is in (`;messageid=<root>`), if it is in one. */
const threadOf = (conversationId: string): string | undefined => conversationId.split(';messageid=')[1];

/** A person's message without an @mention of Muster: the room's timeline, once per activity id. */
export async function captureMessage(turn: TeamsTurn, deps: TurnDeps, tenantId: string, text: string): Promise<void> {
  const a = turn.activity;
  const author = await senderOf(turn, deps, tenantId);
  const thread = threadOf(a.conversation.id);
  await inRoom(turn, tenantId, (room) => deps.inbound.captureMessage({
    room, messageId: a.id as string, ...(thread ? { threadId: thread } : {}), author, text,
    sentAt: sentAtOf(a, deps.now()), idempotencyKey: idempotencyKeyOf(a),
  }));
}

/**
 * `messageUpdate`: an edit (`editMessage`) revises the entry. An undelete (`undeleteMessage`) puts the
 * words back the same way; core keeps no undelete, so the entry still shows it was deleted once.
 */
export async function captureUpdate(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<void> {
  const a = turn.activity;
  const event = a.channelData?.eventType;
  if (event && event !== 'editMessage' && event !== 'undeleteMessage') return;
  const { text } = await messageTextOf(a, (m) => deps.people.personOf(turn, tenantId, m));
  const at = sentAtOf(a, deps.now());
  await inRoom(turn, tenantId, (room) => deps.inbound.captureEdit(room, a.id as string, text, at));
}

/** `messageDelete` (`softDeleteMessage`): the entry keeps its place, its words go. */
export async function captureDelete(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<void> {
  const a = turn.activity;
  const event = a.channelData?.eventType;
  if (event && event !== 'softDeleteMessage') return;
  const at = sentAtOf(a, deps.now());
  await inRoom(turn, tenantId, (room) => deps.inbound.captureDelete(room, a.id as string, at));
}

/** The highlight reaction added or removed on a message (`replyToId`); other reactions are not recorded. */
export async function captureReaction(turn: TeamsTurn, deps: TurnDeps, tenantId: string, highlight: ReadonlySet<string>): Promise<void> {
  const a = turn.activity;
  const target = a.replyToId;
  if (!target) return;
  const added = (a.reactionsAdded ?? []).some((r) => isHighlight(highlight, r.type));
  const removed = (a.reactionsRemoved ?? []).some((r) => isHighlight(highlight, r.type));
  if (added === removed) return;
  await inRoom(turn, tenantId, (room) => deps.inbound.captureHighlight(room, target, added));
}
