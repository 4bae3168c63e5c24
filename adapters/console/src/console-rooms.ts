import { slugify, type ConversationRef, type MessageRef, type View } from '@muster/core';

export interface ConsoleRoom {
  readonly ref: ConversationRef;
  /** With its `#`, as people type it: `#inc-1-checkout-errors`. */
  readonly name: string;
  topic: string;
  readonly private: boolean;
  archived: boolean;
  readonly members: Set<string>;
}

export const LOBBY_NAME = 'general';
const MAX_NAME = 80;
const INCIDENT_REFERENCE = /^\s*(INC-\d+)\b/i;

type RoomListener = (room: ConsoleRoom) => void;

/**
 * The console's chat rooms, in memory. Every session starts in `#general`, where a declaration is
 * made; incident rooms are opened by the gateway. Also holds what a platform would remember about
 * messages: ids (sequential), idempotency keys of posts, and the last version of each posted view.
 */
export class ConsoleRooms {
  private readonly rooms = new Map<string, ConsoleRoom>();
  private readonly createdByKey = new Map<string, string>();
  private readonly postedByKey = new Map<string, MessageRef>();
  private readonly views = new Map<string, View>();
  private readonly openedListeners: RoomListener[] = [];
  private lastMessageId = 0;
  readonly lobby: ConsoleRoom;

  constructor(readonly workspaceId: string) {
    this.lobby = this.add(LOBBY_NAME, 'Declare incidents here: /incident declare <title>', false);
  }

  /** Opens a room (a valid, unused name), or returns the one opened before with the same key. */
  open(wanted: string, options: { topic: string; private: boolean; idempotencyKey: string }): { room: ConsoleRoom; created: boolean } {
    const earlier = this.createdByKey.get(options.idempotencyKey);
    if (earlier) return { room: this.rooms.get(earlier)!, created: false };
    const room = this.add(this.unusedName(validName(wanted)), options.topic, options.private);
    this.createdByKey.set(options.idempotencyKey, room.ref.conversationId);
    return { room, created: true };
  }

  /** The room behind a reference; one Muster knows of but never opened here (a configured channel) is added. */
  ensure(ref: Pick<ConversationRef, 'conversationId'>): ConsoleRoom {
    return this.rooms.get(ref.conversationId) ?? this.add(validName(ref.conversationId), '', false);
  }

  get(conversationId: string): ConsoleRoom | undefined {
    return this.rooms.get(conversationId);
  }

  /** `#inc-1-x`, `inc-1-x`, or an incident reference (`INC-1`), read from the topic core gives each incident room. */
  find(what: string): ConsoleRoom | undefined {
    const name = what.trim().replace(/^#/, '').toLowerCase();
    const byName = this.rooms.get(name);
    if (byName) return byName;
    const reference = INCIDENT_REFERENCE.exec(what)?.[1]?.toUpperCase();
    if (!reference) return undefined;
    return this.list().find((room) => INCIDENT_REFERENCE.exec(room.topic)?.[1]?.toUpperCase() === reference);
  }

  list(): readonly ConsoleRoom[] {
    return [...this.rooms.values()];
  }

  /** The session follows new rooms (on a chat platform the creator is taken into the new channel). */
  onOpened(listener: RoomListener): void {
    this.openedListeners.push(listener);
  }

  /** Called once the opening has been printed, so "you are in it now" follows "room opened". */
  announceOpened(room: ConsoleRoom): void {
    for (const listener of this.openedListeners) listener(room);
  }

  /** Sequential ids for every message, Muster's and people's alike. */
  nextMessageId(): string {
    return String(++this.lastMessageId);
  }

  postedWith(idempotencyKey: string): MessageRef | undefined {
    return this.postedByKey.get(idempotencyKey);
  }

  recordPost(idempotencyKey: string, message: MessageRef, view: View): void {
    this.postedByKey.set(idempotencyKey, message);
    this.views.set(message.messageId, view);
  }

  viewOf(messageId: string): View | undefined {
    return this.views.get(messageId);
  }

  replaceView(messageId: string, view: View): void {
    this.views.set(messageId, view);
  }

  private add(name: string, topic: string, isPrivate: boolean): ConsoleRoom {
    const ref: ConversationRef = { platform: 'console', workspaceId: this.workspaceId, conversationId: name, name: `#${name}` };
    const room: ConsoleRoom = { ref, name: `#${name}`, topic, private: isPrivate, archived: false, members: new Set() };
    this.rooms.set(name, room);
    return room;
  }

  private unusedName(base: string): string {
    if (!this.rooms.has(base)) return base;
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      const name = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
      if (!this.rooms.has(name)) return name;
    }
  }
}

/**
 * Core's slug with the console's rules: `_` kept and dashes kept as typed (`ops--alerts` stays), at
 * most 80 characters, `room` when nothing usable is left. A leading `#` goes with the other punctuation.
 */
function validName(wanted: string): string {
  return slugify(wanted, { maxLength: MAX_NAME, underscores: true, dashRuns: true }) || 'room';
}
