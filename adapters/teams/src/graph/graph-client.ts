import { MusterError } from '@muster/core';
import { type JsonAnswer, type JsonRequest, requestJson, TransportFailure } from '../connector/json-http';
import { transportError } from '../connector/teams-api-error';
import { graphError } from './graph-errors';
import type { GraphTokenSource } from './graph-token-source';
import type { GraphChannel, GraphChat, GraphGroup, GraphMessage, GraphUser } from './graph-types';

export interface GraphClientOptions {
  /** `MICROSOFT_GRAPH_URL`: https://graph.microsoft.com/v1.0/ by default; a bare origin gets `/v1.0/`. */
  readonly graphUrl?: string;
  readonly tokens: GraphTokenSource;
  readonly timeoutMs?: number;
  /** Pages read at most when listing (channels, messages, chats): look-ups stay bounded. */
  readonly maxPages?: number;
}

/** OData string literal: single quotes doubled, the whole thing quoted. */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * The Microsoft Graph calls the Teams adapter makes, app-only. Paging links are followed only while
 * they stay on the Graph origin, so the token never leaves it.
 */
export class GraphClient {
  readonly base: URL;
  private readonly timeoutMs: number;
  private readonly maxPages: number;

  constructor(private readonly options: GraphClientOptions) {
    this.base = graphBase(options.graphUrl ?? 'https://graph.microsoft.com/v1.0/');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxPages = options.maxPages ?? 5;
  }

  /** A value for `user@odata.bind`. */
  userBinding(userId: string): string {
    return new URL(`users(${odataString(userId)})`, this.base).href;
  }

  createChannel(teamId: string, channel: { displayName: string; description: string; membershipType: 'standard' | 'private'; ownerId?: string }): Promise<GraphChannel> {
    const members = channel.ownerId ? [this.member(channel.ownerId, true)] : undefined;
    const { ownerId: _owner, ...fields } = channel;
    return this.send<GraphChannel>('create channel', 'POST', ['teams', teamId, 'channels'], { body: { ...fields, ...(members ? { members } : {}) } });
  }

  channel(teamId: string, channelId: string): Promise<GraphChannel> {
    return this.send<GraphChannel>('get channel', 'GET', ['teams', teamId, 'channels', channelId]);
  }

  listChannels(teamId: string): Promise<GraphChannel[]> {
    return this.list<GraphChannel>('list channels', ['teams', teamId, 'channels']);
  }

  async updateChannel(teamId: string, channelId: string, patch: { description: string }): Promise<void> {
    await this.send('update channel', 'PATCH', ['teams', teamId, 'channels', channelId], { body: patch });
  }

  async archiveChannel(teamId: string, channelId: string): Promise<void> {
    await this.send('archive channel', 'POST', ['teams', teamId, 'channels', channelId, 'archive'], { body: {} });
  }

  async addChannelMember(teamId: string, channelId: string, userId: string): Promise<void> {
    await this.send('add channel member', 'POST', ['teams', teamId, 'channels', channelId, 'members'], { body: this.member(userId, false) });
  }

  createChat(chat: { topic: string; memberIds: readonly string[] }): Promise<GraphChat> {
    return this.send<GraphChat>('create chat', 'POST', ['chats'], { body: { chatType: 'group', topic: chat.topic, members: chat.memberIds.map((id) => this.member(id, true)) } });
  }

  /** Group chats a user is in (app-only Graph has no `/chats` listing of its own). */
  groupChatsOf(userId: string): Promise<GraphChat[]> {
    return this.list<GraphChat>('list chats', ['users', userId, 'chats'], { $filter: "chatType eq 'group'", $top: '50' });
  }

  async updateChat(chatId: string, patch: { topic: string }): Promise<void> {
    await this.send('update chat', 'PATCH', ['chats', chatId], { body: patch });
  }

  async addChatMember(chatId: string, userId: string): Promise<void> {
    await this.send('add chat member', 'POST', ['chats', chatId, 'members'], { body: { ...this.member(userId, true), visibleHistoryStartDateTime: '0001-01-01T00:00:00Z' } });
  }

  /** Puts Muster's app into a chat, so the bot can post there. `teamsAppId` is the app catalog id. */
  async installAppInChat(chatId: string, teamsAppId: string): Promise<void> {
    const binding = new URL(`appCatalogs/teamsApps/${encodeURIComponent(teamsAppId)}`, this.base).href;
    await this.send('install app in chat', 'POST', ['chats', chatId, 'installedApps'], { body: { 'teamsApp@odata.bind': binding } });
  }

  channelMessages(teamId: string, channelId: string): Promise<GraphMessage[]> {
    return this.list<GraphMessage>('list channel messages', ['teams', teamId, 'channels', channelId, 'messages'], { $top: '50' });
  }

  channelReplies(teamId: string, channelId: string, messageId: string): Promise<GraphMessage[]> {
    return this.list<GraphMessage>('list replies', ['teams', teamId, 'channels', channelId, 'messages', messageId, 'replies'], { $top: '50' });
  }

  chatMessages(chatId: string): Promise<GraphMessage[]> {
    return this.list<GraphMessage>('list chat messages', ['chats', chatId, 'messages'], { $top: '50', $orderby: 'createdDateTime desc' });
  }

  /** A user by object id or user principal name; undefined when there is none. */
  async user(idOrUpn: string): Promise<GraphUser | undefined> {
    try {
      return await this.send<GraphUser>('get user', 'GET', ['users', idOrUpn], { query: { $select: 'id,displayName,mail,userPrincipalName' } });
    } catch (error) {
      if (error instanceof MusterError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  usersWhere(filter: string): Promise<GraphUser[]> {
    return this.list<GraphUser>('find users', ['users'], { $filter: filter, $select: 'id,displayName,mail,userPrincipalName', $top: '5' }, 1);
  }

  /** Groups by a filter (`mail eq '…'`); needs `GroupMember.Read.All`. */
  groupsWhere(filter: string): Promise<GraphGroup[]> {
    return this.list<GraphGroup>('find groups', ['groups'], { $filter: filter, $select: 'id,displayName,mail', $top: '5' }, 1);
  }

  /** The users among a group's direct members (the cast segment leaves out devices and nested groups). */
  groupUsers(groupId: string): Promise<GraphUser[]> {
    return this.list<GraphUser>('list group members', ['groups', groupId, 'members', 'microsoft.graph.user'], { $select: 'id,displayName,mail,userPrincipalName', $top: '100' });
  }

  private member(userId: string, owner: boolean): Record<string, unknown> {
    return { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: owner ? ['owner'] : [], 'user@odata.bind': this.userBinding(userId) };
  }

  private async list<T>(operation: string, segments: readonly string[], query: Record<string, string> = {}, maxPages = this.maxPages): Promise<T[]> {
    const items: T[] = [];
    let next: URL | undefined = this.url(segments, query);
    for (let page = 0; next && page < maxPages; page++) {
      const body: { value?: T[]; '@odata.nextLink'?: string } | undefined = await this.at(operation, next, { method: 'GET' });
      items.push(...(body?.value ?? []));
      const link: string | undefined = body?.['@odata.nextLink'];
      next = link && new URL(link).origin === this.base.origin ? new URL(link) : undefined;
    }
    return items;
  }

  private send<T>(operation: string, method: JsonRequest['method'], segments: readonly string[], extra: { body?: unknown; query?: Record<string, string> } = {}): Promise<T> {
    return this.at<T>(operation, this.url(segments, extra.query ?? {}), { method, body: extra.body });
  }

  private async at<T>(operation: string, url: URL, request: { method: JsonRequest['method']; body?: unknown }): Promise<T> {
    const token = await this.options.tokens.token();
    let answer: JsonAnswer;
    try {
      answer = await requestJson(url, { ...request, token, timeoutMs: this.timeoutMs });
    } catch (error) {
      if (error instanceof TransportFailure) throw transportError('Microsoft Graph', operation, error);
      throw error;
    }
    if (answer.status < 200 || answer.status >= 300) throw graphError(operation, answer);
    return answer.body as T;
  }

  private url(segments: readonly string[], query: Record<string, string>): URL {
    const url = new URL(segments.map(encodeURIComponent).join('/'), this.base);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }
}

function graphBase(graphUrl: string): URL {
  const url = new URL(graphUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1.0/';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
