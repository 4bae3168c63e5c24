import { type ConversationRef, type CreateRoom, MusterError } from '@muster/core';
import { BoundedCache, sharedPromise } from './bounded-cache';
import { channelNameFrom, channelNameWithSuffix } from './channel-name';
import type { SlackApiClient } from './slack-api-client';
import { isSlackError } from './slack-errors';

/** How many names (`x`, `x-2` … `x-20`) are tried before giving up on a clash. */
export const MAX_CHANNEL_NAME_ATTEMPTS = 20;

/**
 * Creates incident channels. A taken name moves on to the next free one; a repeated request with the
 * same idempotency key returns the channel made the first time (while this process remembers it).
 */
export class RoomCreator {
  private readonly created = new BoundedCache<string, Promise<ConversationRef>>(2000);

  constructor(
    private readonly api: SlackApiClient,
    private readonly maxAttempts = MAX_CHANNEL_NAME_ATTEMPTS,
  ) {}

  /** Only the channel creation is remembered: a failure after it (the topic) must not make a second channel. */
  ensureCreated(request: CreateRoom): Promise<ConversationRef> {
    return sharedPromise(this.created, `${request.workspaceId}:${request.idempotencyKey}`, () => this.create(request));
  }

  private async create(request: CreateRoom): Promise<ConversationRef> {
    const base = channelNameFrom(request.name);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const name = channelNameWithSuffix(base, attempt);
      try {
        const result = await this.api.call(request.workspaceId, 'conversations.create', (web, token) =>
          web.conversations.create({ token, name, is_private: request.private }),
        );
        const id = result.channel?.id;
        if (!id) throw new MusterError('internal', 'Slack created a channel but did not say its id.');
        return {
          platform: 'slack',
          workspaceId: request.workspaceId,
          conversationId: id,
          name: result.channel?.name ?? name,
          url: `https://slack.com/app_redirect?team=${encodeURIComponent(request.workspaceId)}&channel=${encodeURIComponent(id)}`,
        };
      } catch (error) {
        if (!isSlackError(error, 'name_taken')) throw error;
      }
    }
    throw new MusterError(
      'conflict',
      `Every channel name from #${base} to #${channelNameWithSuffix(base, this.maxAttempts)} is taken. Archive old incident channels or choose another name.`,
      { name: base },
    );
  }
}
