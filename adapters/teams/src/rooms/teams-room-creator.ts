import type { ConversationRef, CreateRoom } from '@muster/core';
import { LRUCache } from 'lru-cache';
import { ChannelLimitReached, openChannelRoom } from './channel-rooms';
import { openGroupChatRoom } from './group-chat-rooms';
import type { RoomContext } from './room-context';
import { roomKindFor } from './room-kinds';
import { openThreadRoom } from './thread-rooms';

/**
 * Opens incident rooms on Teams, of the kind the settings and the incident call for (room-kinds.ts):
 * a channel, a thread, a group chat or a private channel. A repeated request with the same key
 * returns the room made the first time while this process remembers it (concurrent ones share one
 * attempt); across processes, `uncertainSince` makes each kind look for the room first. When the
 * incidents team is full, a public incident falls back to a thread, and the log says so.
 */
export class TeamsRoomCreator {
  private readonly created = new LRUCache<string, Promise<ConversationRef>>({ max: 2000 });

  constructor(private readonly context: RoomContext) {}

  ensureCreated(request: CreateRoom): Promise<ConversationRef> {
    const key = `${request.workspaceId}:${request.idempotencyKey}`;
    const known = this.created.get(key);
    if (known) return known;
    const attempt = this.create(request);
    this.created.set(key, attempt);
    attempt.catch(() => {
      if (this.created.get(key) === attempt) this.created.delete(key);
    });
    return attempt;
  }

  private async create(request: CreateRoom): Promise<ConversationRef> {
    const kind = roomKindFor(request, this.context.settings, !!this.context.graph);
    if (kind === 'thread') return openThreadRoom(this.context, request);
    if (kind === 'groupChat') return openGroupChatRoom(this.context, request);
    try {
      return await openChannelRoom(this.context, request, kind === 'privateChannel' ? 'private' : 'standard');
    } catch (error) {
      if (!(error instanceof ChannelLimitReached) || kind !== 'channel' || !this.context.settings.incidentsChannelId) throw error;
      this.context.logger?.warn('Teams: the incidents team has no room for another channel; opening the incident as a thread in the incidents channel instead', {
        team: this.context.settings.incidentsTeamId,
      });
      return openThreadRoom(this.context, request);
    }
  }
}
