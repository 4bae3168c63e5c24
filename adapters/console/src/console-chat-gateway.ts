import {
  textOf, type Button, type ChatGateway, type ConversationRef, type CreateRoom, type Link, type MessageRef,
  type PersonRef, type PostOptions, type View,
} from '@muster/core';
import { CONSOLE_PREFIX } from './console-prefix';
import type { ConsoleRooms } from './console-rooms';
import type { ConsoleTerminal } from './console-terminal';

/**
 * Muster's side effects, shown in the terminal. Rooms live in ConsoleRooms; a post prints the view
 * under `[#room]`; everything else is one short line, because a demo drowns in repeated cards.
 */
export class ConsoleChatGateway implements ChatGateway {
  readonly prefix = CONSOLE_PREFIX;
  readonly platform = 'console' as const;

  constructor(private readonly rooms: ConsoleRooms, private readonly terminal: ConsoleTerminal) {}

  async createRoom(request: CreateRoom): Promise<ConversationRef> {
    const { room, created } = this.rooms.open(request.name, { topic: request.topic, private: request.private, idempotencyKey: request.idempotencyKey });
    if (created) {
      this.terminal.say(`📣 ${request.private ? 'Private room' : 'Room'} ${room.name} opened`);
      this.rooms.announceOpened(room);
    }
    return room.ref;
  }

  async post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    const earlier = this.rooms.postedWith(options.idempotencyKey);
    if (earlier) return earlier;
    const room = this.rooms.ensure(conversation);
    const message: MessageRef = { conversation, messageId: this.rooms.nextMessageId() };
    this.rooms.recordPost(options.idempotencyKey, message, view);
    this.terminal.show(view, room.name, message.messageId);
    return message;
  }

  /** One line with the card's new heading and status; the buttons again only when they changed (their numbers did too). */
  async update(message: MessageRef, view: View): Promise<void> {
    const previous = this.rooms.viewOf(message.messageId);
    if (previous && sameLines(this.terminal.render(previous), this.terminal.render(view))) return;
    this.rooms.replaceView(message.messageId, view);
    const room = this.rooms.ensure(message.conversation);
    const line = `↻ Card updated: ${headingOf(view)}${statusOf(view)}`;
    const buttons = buttonsOf(view);
    if (!buttons.length) this.terminal.withdrawButtons(message.messageId);
    if (buttons.length && !sameButtons(buttons, previous ? buttonsOf(previous) : [])) {
      this.terminal.show({ fallback: line, blocks: [{ type: 'text', text: [line], tone: 'muted' }, { type: 'actions', buttons }] }, room.name, message.messageId);
    } else {
      this.terminal.say(line, 'muted', room.name);
    }
  }

  async postEphemeral(conversation: ConversationRef, person: PersonRef, view: View): Promise<void> {
    const room = this.rooms.ensure(conversation);
    this.terminal.show(view, `${room.name} (only @${person.name ?? person.id})`);
  }

  async invite(conversation: ConversationRef, people: readonly PersonRef[]): Promise<void> {
    const room = this.rooms.ensure(conversation);
    const added = people.filter((p) => !room.members.has(p.id));
    added.forEach((p) => room.members.add(p.id));
    if (added.length) this.terminal.say(`👥 Invited ${added.map((p) => `@${p.name ?? p.id}`).join(', ')}`, 'muted', room.name);
  }

  async setTopic(conversation: ConversationRef, topic: string): Promise<void> {
    const room = this.rooms.ensure(conversation);
    room.topic = topic;
    this.terminal.say(`📝 Topic: ${topic}`, 'muted', room.name);
  }

  async pin(message: MessageRef): Promise<void> {
    this.terminal.say(`📌 Pinned message ${message.messageId}`, 'muted', this.rooms.ensure(message.conversation).name);
  }

  async bookmark(conversation: ConversationRef, link: Link): Promise<void> {
    this.terminal.say(`🔖 Bookmarked: ${link.title} <${link.url}>`, 'muted', this.rooms.ensure(conversation).name);
  }

  async archive(conversation: ConversationRef): Promise<void> {
    const room = this.rooms.ensure(conversation);
    room.archived = true;
    this.terminal.say('🗄 Room archived', 'muted', room.name);
  }
}

function headingOf(view: View): string {
  const header = view.blocks.find((b) => b.type === 'header');
  return header && header.type === 'header' ? header.text : view.fallback;
}

function statusOf(view: View): string {
  for (const block of view.blocks) {
    if (block.type !== 'fields') continue;
    const status = block.fields.find((f) => f.label.toLowerCase() === 'status');
    if (status) return ` — ${textOf(status.value)}`;
  }
  return '';
}

const buttonsOf = (view: View): Button[] => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
const sameButtons = (a: readonly Button[], b: readonly Button[]) =>
  a.length === b.length && a.every((x, i) => x.actionId === b[i]!.actionId && x.value === b[i]!.value && x.label === b[i]!.label);
const sameLines = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((line, i) => line === b[i]);
