import 'reflect-metadata';
import { Container } from 'inversify';
import type { ChatPlatform, ConversationRef, Link, MessageRef, PersonRef } from '../../domain/person';
import { createInMemoryStore } from '../../testing/in-memory-unit-of-work';
import { coreApplicationModule } from './container-module';
import type { RequestContext } from '../incidents/request-context';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import type { ChatGateway, ChatGatewayRegistry, CreateRoom, DirectoryPort, PostOptions } from '../ports/chat-gateway.port';
import type { Summarizer, SummaryRequest, SummaryResult } from '../ports/summarizer.port';
import { readTimeline } from '../ports/timeline-reader';
import type { Clock, Logger } from '../ports/system.port';
import { defaultSettings, type MusterSettings } from './settings';
import { TOKENS } from './tokens';
import type { View } from '../views/view';
import { textOf } from '../views/view';

/** A chat platform that records what Muster asked of it: the port's contract, no transport. */
export class RecordingGateway implements ChatGateway {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly posts: { conversation: ConversationRef; view: View; key: string }[] = [];
  failNext: Error[] = [];
  /** When set, rooms open as threads of this conversation, each with an id of its own (Teams without Graph). */
  threadRoomsIn?: string;
  private n = 0;

  constructor(readonly platform: ChatPlatform = 'console', readonly prefix?: string) {}

  private record(method: string, ...args: unknown[]) {
    const failure = this.failNext.shift();
    if (failure) throw failure;
    this.calls.push({ method, args });
  }
  async createRoom(r: CreateRoom): Promise<ConversationRef> {
    this.record('createRoom', r);
    const id = this.threadRoomsIn ? `${this.threadRoomsIn}/thread-${++this.n}` : `C${++this.n}`;
    return { platform: this.platform, workspaceId: r.workspaceId, conversationId: id, name: r.name };
  }
  async post(conversation: ConversationRef, view: View, o: PostOptions): Promise<MessageRef> {
    this.record('post', conversation, view, o);
    const earlier = this.posts.findIndex((p) => p.key === o.idempotencyKey);
    if (earlier < 0) this.posts.push({ conversation, view, key: o.idempotencyKey });
    return { conversation, messageId: `m${earlier < 0 ? this.posts.length : earlier + 1}` };
  }
  async update(m: MessageRef, view: View) { this.record('update', m, view); }
  async postEphemeral(c: ConversationRef, p: PersonRef, view: View) { this.record('postEphemeral', c, p, view); }
  async invite(c: ConversationRef, people: readonly PersonRef[]) { this.record('invite', c, people); }
  async setTopic(c: ConversationRef, topic: string) { this.record('setTopic', c, topic); }
  async pin(m: MessageRef) { this.record('pin', m); }
  async bookmark(c: ConversationRef, link: Link) { this.record('bookmark', c, link); }
  async archive(c: ConversationRef) { this.record('archive', c); }

  postedTexts(conversationId?: string): string[] {
    return this.posts.filter((p) => !conversationId || p.conversation.conversationId === conversationId)
      .map((p) => p.view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : 'text' in b ? b.text : '')).join('\n'));
  }
}

export class ManualClock implements Clock {
  constructor(public current = new Date('2026-11-22T03:00:00.000Z')) {}
  now() { return new Date(this.current); }
  advance(minutes: number) { this.current = new Date(this.current.getTime() + minutes * 60_000); }
}

/** Answers like the extractive fallback would, so flows can be checked without the summarizer package. */
export class EchoSummarizer implements Summarizer {
  readonly requests: SummaryRequest[] = [];
  async summarize(r: SummaryRequest): Promise<SummaryResult> {
    this.requests.push(r);
    const text = `${r.kind} of ${r.incident.title}: ${(await readTimeline(r.timeline)).length} entries`;
    return { text, producedBy: 'extractive', sections: r.kind === 'postmortem_narrative' ? { summary: text } : undefined };
  }
}

export const directory: DirectoryPort = {
  async resolve(platform, _ws, handle) {
    const name = handle.replace(/^@/, '');
    return /^[a-z0-9._-]+$/.test(name) ? { platform, id: name, name } : undefined;
  },
};

export function person(id: string): PersonRef {
  return { platform: 'console', id, name: id };
}

/** `others`: gateways of more platforms, for incidents that span Slack and Teams. */
/** `directory`: in place of the handle-is-the-id one (e.g. one that says who administers the workspace). */
export function buildApp(settings: MusterSettings = defaultSettings(), options: { prefix?: string; others?: readonly RecordingGateway[]; directory?: DirectoryPort } = {}) {
  const store = createInMemoryStore();
  const gateway = new RecordingGateway('console', options.prefix);
  const clock = new ManualClock();
  const summarizer = new EchoSummarizer();
  const logs: string[] = [];
  const logger: Logger = { debug: () => {}, info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const all = [gateway, ...(options.others ?? [])];
  const registry: ChatGatewayRegistry = { get: (p) => all.find((g) => g.platform === p), all: () => all };
  const container = new Container();
  let ids = 0;
  container.bind(TOKENS.Settings).toConstantValue(settings);
  container.bind(TOKENS.UnitOfWork).toConstantValue(store.unitOfWork);
  container.bind(TOKENS.Repositories).toConstantValue(store.repositories);
  container.bind(TOKENS.ChatGatewayRegistry).toConstantValue(registry);
  container.bind(TOKENS.DirectoryPort).toConstantValue(options.directory ?? directory);
  container.bind(TOKENS.Summarizer).toConstantValue(summarizer);
  container.bind(TOKENS.Clock).toConstantValue(clock);
  container.bind(TOKENS.IdGenerator).toConstantValue({ newId: () => `id-${++ids}` });
  container.bind(TOKENS.Logger).toConstantValue(logger);
  container.load(coreApplicationModule);
  let requests = 0;
  const lobby: ConversationRef = { platform: 'console', workspaceId: 'local', conversationId: 'lobby', name: 'lobby' };
  const ctx = (who: string, conversation: ConversationRef | undefined = lobby): RequestContext =>
    ({ actor: person(who), platform: 'console', workspaceId: 'local', conversation, idempotencyKey: `req-${++requests}`, ...(options.prefix ? { prefix: options.prefix } : {}) });
  /** Runs the outbox until nothing is due, as the server's pump would. */
  const flush = async () => {
    const outbox = container.get(OutboxDispatcher);
    for (let i = 0; i < 20; i++) {
      const r = await outbox.drain();
      if (r.done + r.retried + r.dead === 0) return;
    }
  };
  return { container, store, gateway, clock, summarizer, logs, ctx, flush, lobby };
}
