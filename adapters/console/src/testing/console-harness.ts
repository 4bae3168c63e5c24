import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Container } from 'inversify';
import {
  OutboxDispatcher, TOKENS, coreApplicationModule,
  defaultSettings, type ChatGatewayRegistry, type Clock, type Logger, type MusterSettings,
} from '@muster/core';
import { createInMemoryStore } from '@muster/core/testing';
import { createConsoleTransport, type ConsoleTransport } from '../console-transport';
import type { ConsoleSession } from '../session/console-session';
import { createConsoleSession } from '../session/console-session-factory';
import { LatestLinesSummarizer } from './latest-lines-summarizer';

/** Time that moves only when a test says so, so durations in the postmortem are exact. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T09:00:00.000Z')) {}
  now(): Date { return new Date(this.current); }
  advanceMinutes(minutes: number): void { this.current = new Date(this.current.getTime() + minutes * 60_000); }
}

export interface ConsoleHarness {
  readonly container: Container;
  readonly store: InMemoryStore;
  readonly transport: ConsoleTransport;
  readonly session: ConsoleSession;
  readonly clock: ManualClock;
  readonly logs: string[];
  /** Runs lines through `runScript` and returns what the terminal printed meanwhile. */
  script(...lines: string[]): Promise<string>;
  /** Types lines into the session's input stream and runs it (`run()`) until the input ends. */
  type(...lines: string[]): Promise<string>;
  /** What the terminal printed while `work` ran (for sessions a test builds itself over this transport). */
  printedDuring(work: () => Promise<void>): Promise<string>;
}

/**
 * The real core application around a real console session, as the server composes it: in-memory
 * store, the console gateway and directory, a clock the test moves, and a flush that drains the outbox
 * until nothing is due.
 */
type InMemoryStore = ReturnType<typeof createInMemoryStore>;

export function createConsoleHarness(options: { settings?: Partial<MusterSettings>; user?: string; color?: boolean; store?: InMemoryStore } = {}): ConsoleHarness {
  const output = new PassThrough();
  const input = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });

  const transport = createConsoleTransport({ output, color: options.color ?? false });
  // Passing the store of an earlier harness is a restart: the console's memory is new, the records are not.
  const store = options.store ?? createInMemoryStore();
  const clock = new ManualClock();
  const logs: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => { logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`); };
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const registry: ChatGatewayRegistry = { get: (p) => (p === 'console' ? transport.gateway : undefined), all: () => [transport.gateway] };

  // Its own container, not the server's buildContainer: adapters may not import the server (ARCHITECTURE §2).
  const container = new Container();
  container.bind(TOKENS.Settings).toConstantValue(defaultSettings(options.settings));
  container.bind(TOKENS.UnitOfWork).toConstantValue(store.unitOfWork);
  container.bind(TOKENS.Repositories).toConstantValue(store.repositories);
  container.bind(TOKENS.ChatGatewayRegistry).toConstantValue(registry);
  container.bind(TOKENS.DirectoryPort).toConstantValue(transport.directory);
  container.bind(TOKENS.Summarizer).toConstantValue(new LatestLinesSummarizer());
  container.bind(TOKENS.Clock).toConstantValue(clock);
  container.bind(TOKENS.IdGenerator).toConstantValue({ newId: () => randomUUID() });
  container.bind(TOKENS.Logger).toConstantValue(logger);
  container.load(coreApplicationModule);

  const flush = async () => {
    const outbox = container.get(OutboxDispatcher);
    // Bounded, so a handler that keeps failing cannot hang a test; retries are scheduled in the future anyway.
    for (let round = 0; round < 20; round++) {
      const result = await outbox.drain();
      if (result.done + result.retried + result.dead === 0) return;
    }
  };

  const session = createConsoleSession(container, { input, transport, flush, clock, user: options.user, prompt: false });

  const since = async (work: () => Promise<void>) => {
    const start = printed.length;
    await work();
    // A PassThrough hands written chunks to its readers on a later tick; let them arrive.
    await new Promise((resolve) => setImmediate(resolve));
    return printed.slice(start);
  };

  return {
    container, store, transport, session, clock, logs,
    printedDuring: since,
    script: (...lines) => since(() => session.runScript(lines)),
    type: (...lines) => since(async () => {
      input.end(`${lines.join('\n')}\n`);
      await session.run();
    }),
  };
}
