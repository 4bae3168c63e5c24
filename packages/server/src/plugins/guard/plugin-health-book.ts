import type { Logger, PluginHealth } from '@muster/core';
import type { PluginHealthRepository } from '@muster/store';
import { installationKey } from '../runtime/installation';

/** A success is written at most this often per installation (a busy webhook must not cost a write per call). */
const SUCCESS_WRITE_INTERVAL_MS = 10_000;

/**
 * Health of every installation in `plugin_health`, so `plugins list` shows the same on every instance
 * and after a restart. A write that fails (the database is down) is logged and never fails the call.
 */
export class PluginHealthBook {
  // Per instance by design: a write throttle, not state; health itself is in plugin_health, shared by every instance.
  private readonly successWritten = new Map<string, number>();

  constructor(private readonly repository: PluginHealthRepository, private readonly logger: Logger) {}

  async success(pluginId: string, installationId: string, at: Date): Promise<void> {
    const key = installationKey(pluginId, installationId);
    const last = this.successWritten.get(key);
    if (last !== undefined && at.getTime() - last < SUCCESS_WRITE_INTERVAL_MS) return;
    this.successWritten.set(key, at.getTime());
    await this.write(() => this.repository.recordSuccess(pluginId, installationId, at));
  }

  async failure(pluginId: string, installationId: string, at: Date, reason: string): Promise<void> {
    // The next success after a failure is written at once, so health never shows a stale failure as the latest word.
    this.successWritten.delete(installationKey(pluginId, installationId));
    await this.write(() => this.repository.recordFailure(pluginId, installationId, at, reason));
  }

  async read(pluginId: string, installationId: string): Promise<PluginHealth> {
    try {
      return await this.repository.find(pluginId, installationId);
    } catch {
      return {};
    }
  }

  async forget(pluginId: string, installationId: string): Promise<void> {
    this.successWritten.delete(installationKey(pluginId, installationId));
    await this.write(() => this.repository.remove(pluginId, installationId));
  }

  private async write(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn('could not record plugin health', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
