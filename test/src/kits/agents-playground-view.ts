/**
 * What the Playground's web client sees, from the two WebSocket streams it opens:
 * - `/_ws_conversation/v1/conversations/stream`: `{ action: 'createMessage' | 'updateMessage' | 'typing',
 *   actionConversationId, message }` for every message the bot posts or updates;
 * - `/_ws/log/stream`: `{ logAction: 'appendLog', log }` for every HTTP exchange with the bot (the
 *   activity and the bot's status code) and every notice (e.g. "app not connected").
 * Both streams buffer while no client is connected and flush to the first that connects, so one
 * view per Playground, opened before anything is sent, sees everything.
 */
import WebSocket from 'ws';

export interface CardAttachment {
  readonly contentType: string;
  // The card as the bot sent it: JSON of any shape.
  readonly content: unknown;
}

/** A message the bot posted, as the client shows it now (updates applied). */
export interface PlaygroundMessage {
  /** The id the Playground gave it; the bot's `activity.id` for updates, `replyToId` of invokes. */
  readonly id: string;
  /** Where it shows: for a channel thread, the thread's `<channel>;messageid=<root>` id. */
  readonly conversationId: string;
  readonly text?: string;
  readonly attachments: readonly CardAttachment[];
  readonly mentions: readonly unknown[];
  /** How often it changed in place: the bot's updateActivity, or a card refreshed by an invoke response. */
  readonly updates: number;
}

/** One HTTP exchange between the Playground and the bot, as its log records it. */
export interface BotExchange {
  /** `to-bot`: an activity the Playground posted to the bot; `from-bot`: a call the bot made to its connector. */
  readonly direction: 'to-bot' | 'from-bot';
  readonly activity: Record<string, unknown>;
  readonly status: number | undefined;
}

export interface PlaygroundNotice {
  readonly level: string | undefined;
  readonly text: string;
}

interface MessageFrame {
  readonly action: string;
  readonly actionConversationId: string;
  readonly message?: {
    readonly messageId: string;
    readonly postConversationId?: string;
    readonly text?: string;
    readonly attachments?: CardAttachment[];
    readonly mentions?: unknown[];
  };
}

interface LogFrame {
  readonly log?: {
    readonly from?: string;
    readonly type?: string;
    readonly level?: string;
    readonly displayText?: string;
    readonly request?: { readonly body?: Record<string, unknown> };
    readonly response?: { readonly statusCode?: number };
  };
}

const PLAYGROUND = 'Microsoft 365 Agents Playground';

export class PlaygroundView {
  private readonly messages: PlaygroundMessage[] = [];
  private readonly exchangeLog: BotExchange[] = [];
  private readonly noticeLog: PlaygroundNotice[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly sockets: readonly WebSocket[]) {}

  static async open(port: number): Promise<PlaygroundView> {
    const connect = (path: string) => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
      ws.once('open', () => resolve(ws)).once('error', reject);
    });
    const [conversation, log] = await Promise.all([connect('/_ws_conversation/v1/conversations/stream'), connect('/_ws/log/stream')]);
    const view = new PlaygroundView([conversation, log]);
    conversation.on('message', (data) => view.onMessageFrame(JSON.parse(String(data)) as MessageFrame));
    log.on('message', (data) => view.onLogFrame(JSON.parse(String(data)) as LogFrame));
    return view;
  }

  received(): readonly PlaygroundMessage[] {
    return [...this.messages];
  }

  exchanges(): readonly BotExchange[] {
    return [...this.exchangeLog];
  }

  notices(): readonly PlaygroundNotice[] {
    return [...this.noticeLog];
  }

  /** Called whenever anything arrives; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The client swaps the card for the invoke response's card, without any stream frame saying so. */
  replaceCard(messageId: string, card: unknown): void {
    this.change(messageId, (m) => ({ ...m, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }], updates: m.updates + 1 }));
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.listeners.clear();
  }

  private onMessageFrame(frame: MessageFrame): void {
    const m = frame.message;
    if (!m) return;
    const fields = { text: m.text, attachments: m.attachments ?? [], mentions: m.mentions ?? [] };
    if (frame.action === 'createMessage') {
      this.messages.push({ id: m.messageId, conversationId: m.postConversationId ?? frame.actionConversationId, ...fields, updates: 0 });
      this.notify();
    } else if (frame.action === 'updateMessage') {
      this.change(m.messageId, (old) => ({ ...old, ...fields, updates: old.updates + 1 }));
    }
  }

  private onLogFrame(frame: LogFrame): void {
    const log = frame.log;
    if (!log) return;
    if (log.request?.body) {
      this.exchangeLog.push({ direction: log.from === PLAYGROUND ? 'to-bot' : 'from-bot', activity: log.request.body, status: log.response?.statusCode });
    } else if (log.displayText) {
      this.noticeLog.push({ level: log.level, text: log.displayText });
    }
    this.notify();
  }

  private change(messageId: string, update: (m: PlaygroundMessage) => PlaygroundMessage): void {
    const at = this.messages.findIndex((m) => m.id === messageId);
    if (at >= 0) this.messages[at] = update(this.messages[at]!);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
