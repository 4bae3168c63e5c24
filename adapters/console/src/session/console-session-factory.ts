import { ActionPreflight, RoomDirectory, TOKENS, type InboundPort } from '@muster/core';
import { ConsoleSession, type ConsoleSessionOptions } from './console-session';

/**
 * The part of a DI container this needs: an inversify Container fits, but the adapter does not
 * depend on inversify or on whoever composed the application (the server, or a test harness).
 */
export interface CoreApplication {
  get<T>(id: symbol | (abstract new (...args: never[]) => T)): T;
}

/** Everything but the core parts, which come from the application. */
export type ConsoleSessionWiring = Omit<ConsoleSessionOptions, 'inbound' | 'preflight' | 'directory'>;

/**
 * The one way to build a session over a composed core application (the server's console, `muster
 * demo`, the test harness): core's InboundPort, ActionPreflight and RoomDirectory come from `app`,
 * so every console sees the same doors as Slack and Teams.
 */
export function createConsoleSession(app: CoreApplication, wiring: ConsoleSessionWiring): ConsoleSession {
  return new ConsoleSession({
    ...wiring,
    inbound: app.get<InboundPort>(TOKENS.InboundPort),
    preflight: app.get(ActionPreflight),
    directory: app.get(RoomDirectory),
  });
}
