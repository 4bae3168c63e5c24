import type { ChannelAccount, ConversationParameters, ConversationResourceResponse, OutgoingActivity, ResourceResponse, TeamsChannelAccount } from './activity';
import { connectorError } from './connector-errors';
import { ConversationPacer } from './conversation-pacer';
import { type JsonAnswer, requestJson, TransportFailure } from './json-http';
import { TeamsApiError, transportError } from './teams-api-error';
import type { BotTokenSource } from './token-source';
import type { TrustedServiceHosts } from './trusted-hosts';

export interface BotConnectorClientOptions {
  readonly tokens: BotTokenSource;
  readonly trustedHosts: TrustedServiceHosts;
  /** Each call's time limit; past it the call counts as maybe done (ambiguous). */
  readonly timeoutMs?: number;
  readonly pacer?: ConversationPacer;
}

const DEFAULT_TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The Bot Connector REST API (v3) as Teams serves it, over fetch. Every call first checks the
 * serviceUrl against the trusted hosts, before a token is asked for or a byte is sent; writes are
 * paced per conversation (ConversationPacer); failures are MusterErrors (connector-errors.ts).
 * Nothing is retried here: a POST retried blindly can post twice, so retries belong to the outbox,
 * which knows what already happened.
 */
export class BotConnectorClient {
  private readonly timeoutMs: number;
  private readonly pacer: ConversationPacer;

  constructor(private readonly options: BotConnectorClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.pacer = options.pacer ?? new ConversationPacer();
  }

  /** A new thread in a channel (`channelData.channel.id`, `isGroup: true`) or a 1:1 with one member. */
  async createConversation(serviceUrl: string, parameters: ConversationParameters): Promise<ConversationResourceResponse> {
    const channelId = (parameters.channelData?.channel as { id?: string } | undefined)?.id;
    const paceKey = channelId ?? `members:${(parameters.members ?? []).map((m) => m.id).join(',')}`;
    const answer = await this.call<ConversationResourceResponse>('create conversation', serviceUrl, 'POST', ['v3', 'conversations'], parameters, paceKey);
    return requireId(answer, 'create conversation');
  }

  async sendToConversation(serviceUrl: string, conversationId: string, activity: OutgoingActivity): Promise<ResourceResponse> {
    const answer = await this.call<ResourceResponse>('send message', serviceUrl, 'POST', ['v3', 'conversations', conversationId, 'activities'], activity, conversationId);
    return requireId(answer, 'send message');
  }

  async replyToActivity(serviceUrl: string, conversationId: string, activityId: string, activity: OutgoingActivity): Promise<ResourceResponse> {
    const answer = await this.call<ResourceResponse>('reply', serviceUrl, 'POST', ['v3', 'conversations', conversationId, 'activities', activityId], { ...activity, replyToId: activityId }, conversationId);
    return requireId(answer, 'reply');
  }

  async updateActivity(serviceUrl: string, conversationId: string, activityId: string, activity: OutgoingActivity): Promise<void> {
    await this.call('update message', serviceUrl, 'PUT', ['v3', 'conversations', conversationId, 'activities', activityId], { ...activity, id: activityId }, conversationId);
  }

  async deleteActivity(serviceUrl: string, conversationId: string, activityId: string): Promise<void> {
    await this.call('delete message', serviceUrl, 'DELETE', ['v3', 'conversations', conversationId, 'activities', activityId], undefined, conversationId);
  }

  async getMember(serviceUrl: string, conversationId: string, memberId: string): Promise<TeamsChannelAccount> {
    const member = await this.call<TeamsChannelAccount>('get member', serviceUrl, 'GET', ['v3', 'conversations', conversationId, 'members', memberId]);
    return requireId(member, 'get member');
  }

  async getMembers(serviceUrl: string, conversationId: string): Promise<readonly TeamsChannelAccount[]> {
    const members = await this.call<unknown>('get members', serviceUrl, 'GET', ['v3', 'conversations', conversationId, 'members']);
    return Array.isArray(members) ? (members as TeamsChannelAccount[]).filter((m) => typeof m?.id === 'string') : [];
  }

  private async call<T>(operation: string, serviceUrl: string, method: Method, segments: readonly string[], body?: unknown, paceKey?: string): Promise<T> {
    const base = this.options.trustedHosts.require(serviceUrl);
    const url = new URL(segments.map(encodeURIComponent).join('/'), base.href.endsWith('/') ? base.href : `${base.href}/`);
    if (paceKey !== undefined) await this.pacer.acquire(paceKey);
    const token = await this.options.tokens.token(base.href);
    let answer: JsonAnswer;
    try {
      answer = await requestJson(url, { method, token, body, timeoutMs: this.timeoutMs });
    } catch (error) {
      if (error instanceof TransportFailure) throw transportError('Bot Connector', operation, error);
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw connectorError(operation, answer);
    return answer.body as T;
  }
}

function requireId<T extends { id?: unknown }>(answer: T | undefined, operation: string): T & { id: string } {
  if (typeof answer?.id !== 'string' || answer.id === '') {
    // The work was done (2xx) but we cannot name it: say so, and let the caller's look-up find it.
    throw new TeamsApiError('internal', `Teams accepted ${operation} but did not say the new id.`, 'Bot Connector', operation, undefined, undefined, true);
  }
  return answer as T & { id: string };
}

/** The bot's own account in Teams conversations: `28:` + its app id. */
export const botAccount = (appId: string): ChannelAccount => ({ id: appId.startsWith('28:') ? appId : `28:${appId}` });
