import type { Logger } from '@muster/core';
import type { InstallationNotices } from './installation-notices';
import type { InstallationReconciler } from './installation-reconciler';

/** How often each instance compares its chat installations with the database, so a lost notice heals. */
export const RECONCILE_INTERVAL_MS = 30_000;

/** What the chat administration needs: to change installations one at a time, and to tell the others. */
export interface InstallationChanges {
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  announce(pluginId: string, tenantId: string): Promise<void>;
}

/** One instance alone (no REDIS_URL): nothing to tell, nothing to reconcile. */
export const SINGLE_INSTANCE_CHANGES: InstallationChanges = {
  exclusive: (work) => work(),
  announce: async () => undefined,
};

/**
 * Keeps every instance's chat plugin installations equal to the database (several instances, REDIS_URL):
 * a notice on each change makes the others reload that installation at once; a reconcile every 30 s and
 * after each Redis reconnect catches what a lost notice missed. The interval is per instance on purpose:
 * each process must bring its own memory up to date, so a fleet-wide (once per tick) job would not do.
 */
export class InstallationSync implements InstallationChanges {
  private timer?: NodeJS.Timeout;

  constructor(
    readonly reconciler: InstallationReconciler,
    private readonly notices: InstallationNotices,
    private readonly logger: Logger,
    private readonly intervalMs = RECONCILE_INTERVAL_MS,
  ) {}

  /** After the host started: hear notices, then one reconcile for whatever changed between the host's load and the subscription. */
  async start(): Promise<void> {
    await this.notices.listen({
      notice: (n) => void this.reconciler.reload(n.pluginId, n.tenantId).catch((error: unknown) => this.failed('notice', error)),
      reconnected: () => void this.reconcile('reconnect'),
    });
    await this.reconcile('start');
    this.timer = setInterval(() => void this.reconcile('interval'), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.notices.close();
    // Whatever reload was under way finishes before the host stops its installations.
    await this.reconciler.exclusive(async () => undefined);
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.reconciler.exclusive(work);
  }

  announce(pluginId: string, tenantId: string): Promise<void> {
    return this.notices.send({ pluginId, tenantId });
  }

  private async reconcile(why: string): Promise<void> {
    await this.reconciler.reconcile().catch((error: unknown) => this.failed(why, error));
  }

  private failed(why: string, error: unknown): void {
    this.logger.warn('Plugin installations could not be compared with the database; trying again at the next reconcile', { why, error: error instanceof Error ? error.message : String(error) });
  }
}
