import { createConsoleTransport, type ConsoleTransport } from '@muster/console';
import type { PlatformFactory, PlatformHealth, PlatformIntegration } from '../platform-integration';

/** The console is on when the configuration says so (MUSTER_CONSOLE, or a terminal on stdin). */
export const consoleIntegration: PlatformFactory = (config, deps) =>
  config.console ? new ConsoleIntegration(createConsoleTransport({ output: deps.terminal.output, color: deps.terminal.color, workspaceId: 'local' })) : undefined;

/**
 * The terminal chat as a platform. It mounts no routes and connects nothing: its session reads the
 * process's own input, and is run by the CLI (runtime/console-chat.ts) over this transport.
 */
export class ConsoleIntegration implements PlatformIntegration {
  readonly platform = 'console' as const;

  constructor(readonly transport: ConsoleTransport) {}

  get gateway() {
    return this.transport.gateway;
  }

  get directory() {
    return this.transport.directory;
  }

  mount(): void {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async idle(): Promise<void> {}

  async health(): Promise<PlatformHealth> {
    return { ok: true };
  }
}
