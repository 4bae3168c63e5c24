import type { App } from '@slack/bolt';
import type { EventAuthorization } from './bot-identity';
import type { ListenerDeps } from './listener-deps';
import { filesOf, type SlackMessageLike } from './message-parts';
import { dateOfTs, slackRoom } from './request-context';

/** What an Events API envelope carries beside the event. */
export interface EventEnvelope {
  readonly event_id?: string;
  readonly team_id?: string;
  readonly authorizations?: readonly EventAuthorization[];
}

interface MessageEventLike extends SlackMessageLike {
  readonly channel?: string;
  readonly event_ts?: string;
  readonly message?: SlackMessageLike;
  readonly previous_message?: SlackMessageLike;
  readonly deleted_ts?: string;
}

/**
 * Subtypes that are a person saying something. Everything else (joins, topic changes, bot messages,
 * `message_replied` bookkeeping…) is not conversation and stays off the timeline.
 */
const SPOKEN = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast', 'me_message']);

/**
 * Messages in incident rooms, their thread replies, edits and deletions. The listener returns only
 * once core has committed, and Bolt (processBeforeResponse) answers Slack only then: a failure
 * becomes a 5xx and Slack delivers the event again; the idempotency key `slack:<event_id>` makes the
 * redelivery harmless. In HTTP mode with one workspace the edge calls `handleMessageEvent` itself
 * (inbound-gate.ts), so this listener then serves Socket Mode and OAuth installs.
 */
export function registerMessageEvents(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ event, body }) => handleMessageEvent(deps, body as EventEnvelope, event));
}

/**
 * One `message` event (the envelope and its event), resolved once core has committed it, or once it
 * is known to be nothing to store. Shared by the Bolt listener and the edge's lean path, so both
 * decide exactly the same.
 */
export async function handleMessageEvent(deps: ListenerDeps, envelope: EventEnvelope, event: unknown): Promise<void> {
  const e = event as MessageEventLike;
  const workspaceId = envelope.team_id ?? '';
  if (!e.channel || !workspaceId) return;
  const room = slackRoom(workspaceId, e.channel);
  // Mentions reach core as neutral tokens with the people's names: what is stored is what the
  // postmortem will say, so an unknown name is asked for once (bounded; see SlackDirectory.named).
  const neutral = (text: string | undefined) => deps.directory.namedMentions(workspaceId, text ?? '');
  if (e.subtype === 'message_changed') {
    const now = e.message;
    if (!now?.ts || !isPerson(now) || now.text === e.previous_message?.text) return;
    await deps.core.inbound.captureEdit(room, now.ts, await neutral(now.text), dateOfTs(now.edited?.ts ?? e.event_ts));
    return;
  }
  if (e.subtype === 'message_deleted') {
    if (e.deleted_ts) await deps.core.inbound.captureDelete(room, e.deleted_ts, dateOfTs(e.event_ts));
    return;
  }
  if (!SPOKEN.has(e.subtype) || !e.ts || !isPerson(e) || !envelope.event_id) return;
  if (await deps.identity.isSelf(workspaceId, e.user, envelope.authorizations)) return;
  const [author, text] = await Promise.all([deps.directory.named(workspaceId, e.user as string), neutral(e.text)]);
  await deps.core.inbound.captureMessage({
    room, messageId: e.ts, ...(e.thread_ts ? { threadId: e.thread_ts } : {}),
    author, text, sentAt: dateOfTs(e.ts),
    idempotencyKey: `slack:${envelope.event_id}`, files: filesOf(e),
  });
}

/** Apps and bots (Muster included) post with a bot_id; only people's words are the conversation. */
const isPerson = (m: SlackMessageLike): boolean => !!m.user && !m.bot_id && m.subtype !== 'bot_message';
