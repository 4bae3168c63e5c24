import { isHighlight } from './highlight-reactions';
import { messageTextOf } from './message-text';
import { idempotencyKeyOf, postedIn, sentAtOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';
import { senderOf, type TurnDeps } from './turn-deps';

/** The root of the reply chain a channel message is in (`;messageid=<root>`), if it is in one. */
const threadOf = (conversationId: string): string | undefined => conversationId.split(';messageid=')[1];

/**
 * A person's message without an @mention of Muster: the room's timeline, once per activity id. Core
 * finds the room (the message's thread, else its channel); outside incident rooms nothing is stored.
 */
export async function captureMessage(turn: TeamsTurn, deps: TurnDeps, tenantId: string, text: string): Promise<void> {
  const a = turn.activity;
  const author = await senderOf(turn, deps, tenantId);
  const thread = threadOf(a.conversation.id);
  await deps.inbound.captureMessage({
    room: postedIn(a, tenantId), messageId: a.id as string, ...(thread ? { threadId: thread } : {}), author, text,
    sentAt: sentAtOf(a, deps.now()), idempotencyKey: idempotencyKeyOf(a),
  });
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
  await deps.inbound.captureEdit(postedIn(a, tenantId), a.id as string, text, at);
}

/** `messageDelete` (`softDeleteMessage`): the entry keeps its place, its words go. */
export async function captureDelete(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<void> {
  const a = turn.activity;
  const event = a.channelData?.eventType;
  if (event && event !== 'softDeleteMessage') return;
  const at = sentAtOf(a, deps.now());
  await deps.inbound.captureDelete(postedIn(a, tenantId), a.id as string, at);
}

/** The highlight reaction added or removed on a message (`replyToId`); other reactions are not recorded. */
export async function captureReaction(turn: TeamsTurn, deps: TurnDeps, tenantId: string, highlight: ReadonlySet<string>): Promise<void> {
  const a = turn.activity;
  const target = a.replyToId;
  if (!target) return;
  const added = (a.reactionsAdded ?? []).some((r) => isHighlight(highlight, r.type));
  const removed = (a.reactionsRemoved ?? []).some((r) => isHighlight(highlight, r.type));
  if (added === removed) return;
  await deps.inbound.captureHighlight(postedIn(a, tenantId), target, added);
}
