import { randomUUID } from 'node:crypto';
import { MusterError,
  deliverReply, notRecordedNotice, type ActionPreflight, type Clock, type CommandReply, type InboundPort, type PersonRef, type ReplySurface,
  type RequestContext, type RoomDirectory,
} from '@muster/core';
import { consoleHandle, consolePerson } from '../console-directory';
import { CONSOLE_PREFIX } from '../console-prefix';
import type { ConsoleRoom } from '../console-rooms';
import type { ConsoleTransport } from '../console-transport';
import { terminalSafe } from '../render/sanitize';
import { CONSOLE_HELP, parseConsoleCommand, type ConsoleCommand } from './console-command';
import { FormPrompter } from './form-prompter';
import { ReadlineSource, ScriptSource, type LineSource } from './line-source';

export interface ConsoleSessionOptions {
  readonly input: NodeJS.ReadableStream;
  readonly transport: ConsoleTransport;
  /** Core's one door for every platform: commands, presses, forms and chat all go through it. */
  readonly inbound: InboundPort;
  /** Runs pending side effects (the server drains the outbox) so rooms and drafts appear before the next prompt. */
  readonly flush: () => Promise<void>;
  /** Who types, until `:as` says otherwise. */
  readonly user?: string;
  /** Show a prompt; false for scripts and pipes. */
  readonly prompt?: boolean;
  /** Stamps chat messages; pass the application's Clock so they sort with everything else. Default: system time. */
  readonly clock?: Clock;
  /** Asked before a press is confirmed, so a refusal comes before "are you sure?". */
  readonly preflight?: ActionPreflight;
  /** The incident rooms as stored: `:rooms` and `:join` survive a restart and show current severity. */
  readonly directory?: RoomDirectory;
}

const INCIDENT_COMMAND = /^\/?incident(\s|$)/i;
const UNEXPECTED = 'Something unexpected went wrong with that line. Try it again; :help lists what the console understands.';
const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/**
 * One keyboard, any number of simulated people. Turns typed lines into core calls (commands, button
 * presses, forms, chat messages) and prints what core answers; decides nothing about incidents.
 * Lines are handled one at a time, in order, each followed by a flush of pending side effects.
 */
export class ConsoleSession {
  private readonly sessionId = randomUUID().slice(0, 8);
  private readonly forms: FormPrompter;
  private requests = 0;
  private user: string;
  private room: ConsoleRoom;
  private quitting = false;

  constructor(private readonly options: ConsoleSessionOptions) {
    const user = consoleHandle(options.user ?? 'you');
    if (!user) throw new MusterError('configuration', `The console user "${options.user}" is not a handle: use lowercase letters, digits, -, _ or .`);
    this.user = user;
    const { rooms, terminal, directory } = options.transport;
    this.room = rooms.lobby;
    this.forms = new FormPrompter(terminal, directory, rooms.workspaceId);
    rooms.onOpened((room) => this.enter(room, ' (:join #general to go back)'));
  }

  /** Interactive until `:quit`, Ctrl-C or the end of input. */
  async run(): Promise<void> {
    const { input, prompt, transport } = this.options;
    const source = new ReadlineSource(input, transport.terminal, prompt ? { output: transport.terminal.output } : undefined);
    if (prompt) this.say('Muster console. Try: /incident declare "Checkout errors" --sev SEV1   (:help for console commands)', 'muted');
    try {
      await this.loop(source);
    } finally {
      source.close();
    }
  }

  /** The same handling for lines given up front (`muster demo`, tests); each is echoed after its prompt. */
  async runScript(lines: readonly string[]): Promise<void> {
    await this.loop(new ScriptSource(lines, this.options.transport.terminal));
  }

  private async loop(source: LineSource): Promise<void> {
    this.quitting = false;
    while (!this.quitting) {
      const line = await source.next(`${this.user}@${this.room.name}> `);
      if (line === undefined) return;
      await this.handleLine(line, source);
    }
  }

  private async handleLine(raw: string, source: LineSource): Promise<void> {
    // Control characters never go further than this: not to core, not to the timeline.
    const line = terminalSafe(raw).trim();
    if (!line) return;
    try {
      await this.perform(line, source, this.user);
    } catch {
      this.say(UNEXPECTED, 'warning');
    }
    try {
      await this.options.flush();
    } catch {
      this.say('Some background work (rooms, posts, drafts) failed; Muster retries it.', 'warning');
    }
  }

  private async perform(line: string, source: LineSource, actor: string): Promise<void> {
    if (line.startsWith(':')) return this.consoleCommand(parseConsoleCommand(line), source, actor);
    if (INCIDENT_COMMAND.test(line)) return this.command(line, source, actor);
    return this.chat(line, actor);
  }

  private async consoleCommand(command: ConsoleCommand, source: LineSource, actor: string): Promise<void> {
    switch (command.name) {
      case 'as':
        if (command.line) return this.perform(command.line, source, command.handle);
        this.user = command.handle;
        return this.say(`You are @${command.handle} now.`, 'muted');
      case 'whoami':
        return this.say(`You are @${actor}, in ${this.room.name}.`, 'muted');
      case 'join': {
        const room = this.options.transport.rooms.find(command.target) ?? await this.storedRoom(command.target, actor);
        if (room) return this.enter(room);
        return this.say(/^inc-\d+$/i.test(command.target)
          ? `${command.target.toUpperCase()} has no room here; act on it from anywhere with /incident ${command.target.toUpperCase()} status.`
          : `There is no room ${command.target}. :rooms lists them.`, 'warning');
      }
      case 'rooms':
        return this.listRooms(actor);
      case 'press':
        return this.press(command.number, source, actor);
      case 'help':
        return this.say(CONSOLE_HELP.join('\n'));
      case 'quit':
        this.quitting = true;
        return this.say('Bye.', 'muted');
      case 'cancel':
        return this.say('There is no form to cancel.', 'muted');
      case 'mistyped':
        return this.say(command.problem, 'warning');
    }
  }

  private async command(line: string, source: LineSource, actor: string): Promise<void> {
    const reply = await this.options.inbound.command(this.context(actor), line);
    await this.show(reply, source, actor);
  }

  private async press(number: number, source: LineSource, actor: string): Promise<void> {
    const buttons = this.options.transport.terminal.latestButtons();
    const button = buttons[number - 1];
    if (!button) {
      const none = this.options.transport.terminal.buttonsWithdrawn()
        ? 'The latest card was decided or replaced, so its buttons do nothing any more.' : 'No card with buttons has been shown yet.';
      return this.say(buttons.length ? `The latest card has buttons [1] to [${buttons.length}].` : none, 'warning');
    }
    // Core says first whether this person may press it at all: no "are you sure?" before a refusal.
    const preflight = await this.options.preflight?.check(this.context(actor), button.actionId, button.value);
    if (preflight && !preflight.allowed) return this.say(`⚠ ${preflight.message}`, 'warning');
    if (button.confirm) {
      const answer = await source.next(`${terminalSafe(button.confirm)} y/n › `);
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) return this.say(`Not pressed: ${button.label}.`, 'muted');
    }
    const reply = await this.options.inbound.action(this.context(actor), button.actionId, button.value);
    // The pressed card was replaced by its outcome: its buttons are gone, as they are on Slack.
    if (reply.replaceOriginal) this.options.transport.terminal.withdrawButtons();
    await this.show(reply, source, actor);
  }

  /** `#general` and every incident room as stored, with current severity and status; memory only without a directory. */
  private async listRooms(actor: string): Promise<void> {
    const { rooms } = this.options.transport;
    const mark = (room: ConsoleRoom) => (room === this.room ? '→' : ' ');
    if (!this.options.directory) {
      for (const room of rooms.list()) {
        this.say(`${mark(room)} ${room.name}${room.private ? ' 🔒' : ''}${room.archived ? ' (archived)' : ''}${room.topic ? `  ${room.topic}` : ''}`);
      }
      return;
    }
    const stored = await this.options.directory.list(this.context(actor));
    this.say(`${mark(rooms.lobby)} ${rooms.lobby.name}  ${rooms.lobby.topic}`);
    for (const entry of stored) {
      const room = rooms.ensure(entry.room);
      this.say(`${mark(room)} ${room.name}${entry.private ? ' 🔒' : ''}  ${entry.reference} · ${entry.severity} · ${entry.title} — ${entry.status}`);
    }
  }

  /** A room Muster opened before this process started: known to the store, not yet to the terminal. */
  private async storedRoom(target: string, actor: string): Promise<ConsoleRoom | undefined> {
    if (!this.options.directory) return undefined;
    const wanted = target.trim().replace(/^#/, '').toLowerCase();
    const entry = (await this.options.directory.list(this.context(actor)))
      .find((e) => e.reference.toLowerCase() === wanted || e.room.conversationId.toLowerCase() === wanted);
    return entry ? this.options.transport.rooms.ensure(entry.room) : undefined;
  }

  /** Chat in an incident room goes on its timeline, so the postmortem has the conversation. */
  private async chat(text: string, actor: string): Promise<void> {
    const { rooms } = this.options.transport;
    const result = await this.options.inbound.captureMessage({
      room: this.room.ref, messageId: rooms.nextMessageId(), author: consolePerson(actor), text,
      sentAt: (this.options.clock ?? SYSTEM_CLOCK).now(), idempotencyKey: this.nextKey(),
    });
    if (result === 'not_an_incident_room') {
      this.options.transport.terminal.show(notRecordedNotice(this.room.name, CONSOLE_PREFIX));
      this.say(':help lists the console\'s own commands.', 'muted');
    }
  }

  /** Core's reply semantics (deliverReply) over the terminal; a part that could not be shown fails the line. */
  private async show(reply: CommandReply, source: LineSource, actor: string): Promise<void> {
    const [failure] = await deliverReply(reply, this.surface(source, actor), { prefix: CONSOLE_PREFIX });
    if (failure) throw failure.error;
  }

  /** The terminal as a reply surface: views print (under the room when for everyone), forms are prompted, documents print whole. */
  private surface(source: LineSource, actor: string): ReplySurface {
    const { terminal } = this.options.transport;
    return {
      show: async (view, visibility) => terminal.show(view, visibility === 'in_channel' ? this.room.name : undefined),
      attach: async (document) => terminal.showDocument(document),
      openForm: async (form) => {
        const outcome = await this.forms.fill(form, source, (values) => this.options.inbound.form(this.context(actor), form.formId, values, form.privateMetadata));
        if (outcome.kind === 'submitted') await this.show(outcome.reply, source, actor);
      },
    };
  }

  private enter(room: ConsoleRoom, hint = ''): void {
    this.room = room;
    this.say(`→ You are in ${room.name} now${hint}.`, 'muted');
  }

  /** Every request (command, press, form submission, message) is new: a fresh key each time. */
  private context(actor: string): RequestContext {
    const person: PersonRef = consolePerson(actor);
    return {
      actor: person, platform: 'console', workspaceId: this.options.transport.rooms.workspaceId, conversation: this.room.ref,
      idempotencyKey: this.nextKey(), prefix: CONSOLE_PREFIX,
    };
  }

  private nextKey(): string {
    return `console:${this.sessionId}:${++this.requests}`;
  }

  private say(text: string, tone?: 'normal' | 'muted' | 'warning'): void {
    this.options.transport.terminal.say(text, tone);
  }
}
