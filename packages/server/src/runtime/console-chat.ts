import { ActionPreflight, CaptureConversation, CommandDispatcher, InteractionRouter, RoomDirectory, type Logger } from '@muster/core';
import { ConsoleSession, type ConsoleTransport } from '@muster/console';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { OutboxPump } from './outbox-pump';

export interface ConsoleChatOptions {
  readonly input: NodeJS.ReadableStream;
  /** Who types until `:as` says otherwise. */
  readonly user?: string;
  readonly prompt: boolean;
}

/** A console session wired to the container: commands go to core, and each line ends with a drain of the outbox. */
export function createConsoleSession(container: Container, options: ConsoleChatOptions): ConsoleSession {
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  return new ConsoleSession({
    input: options.input,
    transport: container.get<ConsoleTransport>(SERVER_TOKENS.ConsoleTransport),
    dispatcher: container.get(CommandDispatcher),
    interactions: container.get(InteractionRouter),
    capture: container.get(CaptureConversation),
    preflight: container.get(ActionPreflight), directory: container.get(RoomDirectory),
    flush: () => pump.drainUntilIdle(),
    user: options.user,
    prompt: options.prompt,
  });
}

/** Runs the interactive console; when the person leaves (`:quit`, Ctrl-D) `onEnd` decides what happens next. */
export function runConsole(container: Container, logger: Logger, onEnd: () => void): void {
  const session = createConsoleSession(container, { input: process.stdin, user: process.env.USER?.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'you', prompt: true });
  session.run().then(onEnd, (error: unknown) => {
    logger.error('the console session stopped', { err: error });
    onEnd();
  });
}
