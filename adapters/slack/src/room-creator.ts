import { type ConversationRef, type CreateRoom, MusterError } from '@muster/core';
import { BoundedCache, sharedPromise } from '@muster/core';
import { channelNameFrom, channelNameWithSuffix } from './channel-name';
import { renderMrkdwn } from './render/mrkdwn';
import { MAX_CHANNEL_TOPIC } from './render/slack-limits';
import type { SlackWebClient } from './slack-web-client';
import { isSlackError } from './slack-errors';

/** How many names (`x`, `x-2` … `x-20`) are tried before giving up on a clash. */
export const MAX_CHANNEL_NAME_ATTEMPTS = 20;
/** conversations.list pages: Slack recommends at most 200 per page. */
const LIST_PAGE_SIZE = 200;
/** A workspace with more channels than this is not searched to the end (the look-up is rate limited). */
const MAX_LIST_PAGES = 50;

/** Slack parses topics for mentions and links like messages, so the topic is escaped the same way. */
export const slackTopicText = (topic: string): string => renderMrkdwn([topic.replace(/\s+/g, ' ').trim()], MAX_CHANNEL_TOPIC);

interface ListedChannel {
  readonly id?: string;
  readonly name?: string;
  readonly creator?: string;
  readonly is_archived?: boolean;
  readonly topic?: { readonly value?: string };
}

/**
 * Creates incident channels. A taken name moves on to the next free one; a repeated request with the
 * same idempotency key returns the channel made the first time (while this process remembers it).
 *
 * Across processes the caller's effect log says when an earlier attempt may have created the channel
 * (`uncertainSince`: a crash, a 500 after the work was done, a lease that ran out). Then the channel is
 * looked for first — by its expected names, made by our bot, not archived, with no topic yet or this
 * incident's topic — and adopted. A `name_taken` for a channel that fits the same test is adopted too
 * (two workers racing on one message). The happy path makes no extra calls.
 */
export class RoomCreator {
  private readonly created = new BoundedCache<string, Promise<ConversationRef>>(2000);
  private readonly botUsers = new BoundedCache<string, Promise<string>>(1000);

  constructor(
    private readonly api: SlackWebClient,
    private readonly maxAttempts = MAX_CHANNEL_NAME_ATTEMPTS,
  ) {}

  /** Only the channel creation is remembered: a failure after it (the topic) must not make a second channel. */
  ensureCreated(request: CreateRoom): Promise<ConversationRef> {
    return sharedPromise(this.created, `${request.workspaceId}:${request.idempotencyKey}`, () => this.create(request));
  }

  private async create(request: CreateRoom): Promise<ConversationRef> {
    const base = channelNameFrom(request.name);
    const names = Array.from({ length: this.maxAttempts }, (_, i) => channelNameWithSuffix(base, i + 1));
    if (request.uncertainSince) {
      const earlier = await this.findOurs(request, names);
      if (earlier) return earlier;
    }
    for (const name of names) {
      try {
        const result = await this.api.call(request.workspaceId, 'conversations.create', (web, token) =>
          web.conversations.create({ token, name, is_private: request.private }),
        );
        const id = result.channel?.id;
        if (!id) throw new MusterError('internal', 'Slack created a channel but did not say its id.');
        return this.refOf(request, id, result.channel?.name ?? name);
      } catch (error) {
        if (!isSlackError(error, 'name_taken')) throw error;
        const ours = await this.findOurs(request, [name]);
        if (ours) return ours;
      }
    }
    throw new MusterError(
      'conflict',
      `Every channel name from #${base} to #${channelNameWithSuffix(base, this.maxAttempts)} is taken. Archive old incident channels or choose another name.`,
      { name: base },
    );
  }

  /** The channel, among `names` (earliest first), that an earlier attempt for this request made. */
  private async findOurs(request: CreateRoom, names: readonly string[]): Promise<ConversationRef | undefined> {
    const bot = await this.botUser(request.workspaceId);
    const topic = slackTopicText(request.topic);
    const fits = (c: ListedChannel) => c.creator === bot && !c.is_archived && (!c.topic?.value || c.topic.value === topic);
    const wanted = new Map(names.map((n, i) => [n, i]));
    let best: ListedChannel | undefined;
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const answer = await this.api.call(request.workspaceId, 'conversations.list', (web, token) =>
        web.conversations.list({ token, types: request.private ? 'private_channel' : 'public_channel', exclude_archived: true, limit: LIST_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
      );
      for (const channel of (answer.channels ?? []) as ListedChannel[]) {
        const rank = channel.name === undefined ? undefined : wanted.get(channel.name);
        if (rank === undefined || !channel.id || !fits(channel)) continue;
        if (!best || rank < wanted.get(best.name!)!) best = channel;
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor || best?.name === names[0]) break;
    }
    return best ? this.refOf(request, best.id!, best.name!) : undefined;
  }

  /** Our bot's user id in the workspace: the creator of every channel Muster made. */
  private botUser(workspaceId: string): Promise<string> {
    return sharedPromise(this.botUsers, workspaceId, async () => {
      const who = await this.api.call(workspaceId, 'auth.test', (web, token) => web.auth.test({ token }));
      if (!who.user_id) throw new MusterError('unavailable', 'Slack did not say which user Muster is (auth.test); it will be retried.');
      return who.user_id;
    });
  }

  private refOf(request: CreateRoom, id: string, name: string): ConversationRef {
    return {
      platform: 'slack',
      workspaceId: request.workspaceId,
      conversationId: id,
      name,
      url: `https://slack.com/app_redirect?team=${encodeURIComponent(request.workspaceId)}&channel=${encodeURIComponent(id)}`,
    };
  }
}
