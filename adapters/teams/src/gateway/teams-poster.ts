import { type ConversationRef, type Logger, type MessageRef, type PostOptions, type View } from '@muster/core';
import { LRUCache } from 'lru-cache';
import type { BotConnectorClient } from '../connector/bot-connector-client';
import { isAmbiguous } from '../connector/teams-api-error';
import { type CardRenderer, cardActivity, postMarker } from './card-message';
import type { ConversationTargets } from './conversation-targets';
import type { PostFinder } from './post-finder';

/**
 * Makes posting to Teams safe to retry.
 *
 * - In this process a key posted once returns the first message, and concurrent posts with one key
 *   share one call (an LRU of key → promise; a failed attempt is forgotten).
 * - Every card carries the key's marker. After an ambiguous failure (timeout, reset, 5xx: Teams may
 *   have posted it), or when the caller's durable effect log says an earlier attempt is uncertain
 *   (`uncertainSince`), the conversation is first read back through Graph and a message carrying the
 *   marker is adopted instead of posting again.
 * - Where Graph cannot look (not configured, a 1:1 chat, a channel whose team is unknown) the retry
 *   posts again, and says so in the log: the one case a duplicate can still appear. Throttling (429,
 *   412) is not ambiguous: Teams did nothing, so the retry simply posts.
 */
export class TeamsPoster {
  private readonly posted: LRUCache<string, Promise<MessageRef>>;
  /** Key → when the first uncertain attempt began (ms since epoch). */
  private readonly uncertain: LRUCache<string, number>;

  constructor(
    private readonly connector: BotConnectorClient,
    private readonly targets: ConversationTargets,
    private readonly finder: PostFinder,
    private readonly render: CardRenderer,
    private readonly logger: Logger | undefined,
    remembered = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.posted = new LRUCache({ max: remembered });
    this.uncertain = new LRUCache({ max: remembered });
  }

  post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    const key = `${conversation.workspaceId}:${conversation.conversationId}:${options.threadId ?? ''}:${options.idempotencyKey}`;
    const known = this.posted.get(key);
    if (known) return known;
    const attempt = this.postOnce(key, conversation, view, options);
    this.posted.set(key, attempt);
    attempt.catch(() => {
      if (this.posted.get(key) === attempt) this.posted.delete(key);
    });
    return attempt;
  }

  private async postOnce(memoryKey: string, conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    const target = await this.targets.resolve(conversation);
    const marker = postMarker(options.idempotencyKey);
    const uncertainSince = this.uncertain.get(memoryKey) ?? options.uncertainSince?.getTime();
    if (uncertainSince !== undefined) {
      if (this.finder.canLook(target)) {
        const found = await this.finder.find(target, marker, uncertainSince, options.threadId);
        if (found) {
          this.uncertain.delete(memoryKey);
          return { conversation, messageId: found };
        }
      } else {
        this.logger?.warn('Teams: cannot check whether an interrupted post arrived (no Graph look-up for this conversation); posting again', {
          conversation: conversation.conversationId.slice(0, 120),
          kind: target.kind,
        });
      }
    }
    const startedAt = this.now();
    const activity = cardActivity(this.render, view, marker);
    try {
      const sent = options.threadId
        ? await this.connector.replyToActivity(target.serviceUrl, target.conversationId, options.threadId, activity)
        : await this.connector.sendToConversation(target.serviceUrl, target.conversationId, activity);
      this.uncertain.delete(memoryKey);
      return { conversation, messageId: sent.id };
    } catch (error) {
      if (isAmbiguous(error)) this.uncertain.set(memoryKey, uncertainSince ?? startedAt);
      throw error;
    }
  }
}
