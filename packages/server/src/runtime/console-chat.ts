import { MusterError, type Clock, type Logger } from '@muster/core';
import { createConsoleSession, type ConsoleSession, type ConsoleTransport } from '@muster/console';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { ConsoleIntegration } from '../platforms/console/console-integration';
import type { PlatformIntegration } from '../platforms/platform-integration';
import type { OutboxPump } from './outbox-pump';
import { consoleHandle } from '../web/sign-in/login-link';

export interface ConsoleChatOptions {
  readonly input: NodeJS.ReadableStream;
  /** Who types until `:as` says otherwise. */
  readonly user?: string;
  readonly prompt: boolean;
  /** Stamps chat messages (default: system time); `muster demo` passes its scripted clock. */
  readonly clock?: Clock;
  /** Runs after each line's outbox drain (`muster demo` moves its clock on). */
  readonly afterLine?: () => void;
}

/**
 * The server's console session: @muster/console's `createConsoleSession` over the server's container,
 * with the server's console transport and a drain of the outbox pump after each line.
 */
export function createServerConsoleSession(container: Container, options: ConsoleChatOptions): ConsoleSession {
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const { afterLine, ...wiring } = options;
  return createConsoleSession(container, {
    ...wiring,
    transport: consoleTransportOf(container),
    flush: async () => {
      await pump.drainUntilIdle();
      afterLine?.();
    },
  });
}

/** Runs the interactive console; when the person leaves (`:quit`, Ctrl-D) `onEnd` decides what happens next. */
export function runConsole(container: Container, logger: Logger, onEnd: () => void): void {
  const session = createServerConsoleSession(container, { input: process.stdin, user: consoleHandle(), prompt: true });
  session.run().then(onEnd, (error: unknown) => {
    logger.error('the console session stopped', { err: error });
    onEnd();
  });
}

/** The console platform's terminal, rooms and gateway; only there when the console is on (MUSTER_CONSOLE). */
export function consoleTransportOf(container: Container): ConsoleTransport {
  const found = container.get<readonly PlatformIntegration[]>(SERVER_TOKENS.Platforms).find((p) => p instanceof ConsoleIntegration);
  if (!found) throw new MusterError('configuration', 'The console is off in this configuration (MUSTER_CONSOLE).');
  return (found as ConsoleIntegration).transport;
}
