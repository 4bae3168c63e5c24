import { type ConversationRef, type MessageRef, MusterError, type PostOptions, type View } from '@muster/core';
import { BoundedCache, sharedPromise } from '@muster/core';
import { renderBlocks } from './render/render-blocks';
import type { SlackWebClient } from './slack-web-client';
import { isAmbiguousFailure } from './slack-errors';

/** The metadata every Muster post carries, so a post whose answer was lost can be found again. */
export const POST_EVENT_TYPE = 'muster_post';
/** Messages per history page read while searching for a post whose outcome is unknown. */
const RECOVERY_PAGE_SIZE = 200;
/** Pages read at most: a busy announcement channel has many posts since the uncertain attempt began. */
const RECOVERY_MAX_PAGES = 10;
/** Look this far before the first uncertain attempt, for clock drift between us and Slack. */
const CLOCK_MARGIN_MS = 5 * 60_000;

interface PostedMessage {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

const carriesKey = (message: PostedMessage, key: string) =>
  message.metadata?.event_type === POST_EVENT_TYPE && message.metadata.event_payload?.key === key;

/**
 * Makes `chat.postMessage` safe to retry.
 *
 * - In this process, a key posted once returns the first message (an LRU of key → ts), and two
 *   concurrent posts with one key share one call.
 * - Each post carries `metadata: { event_type: 'muster_post', event_payload: { key } }`.
 * - When a post fails ambiguously (timeout, 5xx, reset: Slack may have posted it), the key is marked
 *   uncertain. The next attempt first reads the channel's (or thread's) messages since the uncertain
 *   attempt began, with metadata, and reuses the one carrying the key; only if none does it post again.
 * - The caller's durable effect log carries the same uncertainty across a restart (`uncertainSince`
 *   in the options): an attempt begun by a process that died is searched for the same way.
 *
 * Reading history costs a rate-limited call, so it is done only after an ambiguous failure, never on
 * the happy path.
 */
export class IdempotentPoster {
  private readonly posted: BoundedCache<string, Promise<MessageRef>>;
  /** Key → when the first uncertain attempt started (ms since epoch). */
  private readonly uncertain: BoundedCache<string, number>;

  constructor(
    private readonly api: SlackWebClient,
    rememberedPosts = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.posted = new BoundedCache(rememberedPosts);
    this.uncertain = new BoundedCache(rememberedPosts);
  }

  post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    const key = `${conversation.workspaceId}:${conversation.conversationId}:${options.idempotencyKey}`;
    return sharedPromise(this.posted, key, () => this.postOnce(key, conversation, view, options));
  }

  private async postOnce(memoryKey: string, conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    const uncertainSince = this.uncertain.get(memoryKey) ?? options.uncertainSince?.getTime();
    if (uncertainSince !== undefined) {
      const found = await this.findEarlierPost(conversation, options, uncertainSince);
      if (found) {
        this.uncertain.delete(memoryKey);
        return { conversation, messageId: found };
      }
    }
    const startedAt = this.now();
    const message = renderBlocks(view);
    try {
      const result = await this.api.call(conversation.workspaceId, 'chat.postMessage', (web, token) =>
        web.chat.postMessage({
          token,
          channel: conversation.conversationId,
          text: message.text,
          blocks: message.blocks,
          metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: options.idempotencyKey } },
          unfurl_links: false,
          unfurl_media: false,
          ...(options.threadId ? { thread_ts: options.threadId } : {}),
        }),
      );
      this.uncertain.delete(memoryKey);
      if (!result.ts) throw new MusterError('internal', 'Slack accepted a message but did not say its timestamp.');
      return { conversation, messageId: result.ts };
    } catch (error) {
      if (isAmbiguousFailure(error)) this.uncertain.set(memoryKey, uncertainSince ?? startedAt);
      throw error;
    }
  }

  /** The ts of a message already carrying this post's key, if Slack did post it. Newest first, paged. */
  private async findEarlierPost(conversation: ConversationRef, options: PostOptions, since: number): Promise<string | undefined> {
    const oldest = String(Math.floor((since - CLOCK_MARGIN_MS) / 1000));
    let cursor: string | undefined;
    for (let page = 0; page < RECOVERY_MAX_PAGES; page++) {
      const common = { channel: conversation.conversationId, limit: RECOVERY_PAGE_SIZE, include_all_metadata: true, oldest, ...(cursor ? { cursor } : {}) };
      const answer = options.threadId
        ? await this.api.call(conversation.workspaceId, 'conversations.replies', (web, token) => web.conversations.replies({ token, ts: options.threadId ?? '', ...common }))
        : await this.api.call(conversation.workspaceId, 'conversations.history', (web, token) => web.conversations.history({ token, ...common }));
      const found = ((answer.messages ?? []) as readonly PostedMessage[]).find((m) => carriesKey(m, options.idempotencyKey))?.ts;
      if (found) return found;
      cursor = answer.has_more ? answer.response_metadata?.next_cursor || undefined : undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
