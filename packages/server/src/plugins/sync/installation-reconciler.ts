import type { Clock, Logger } from '@muster/core';
import type { PluginInstallation, Store } from '@muster/store';
import type { PluginHealthBook } from '../guard/plugin-health-book';
import { chatInstallationSpec } from '../runtime/chat-installations';
import { pluginIdOf, type InstallationState } from '../runtime/installation';
import { installationRevision } from '../runtime/installation-revision';
import { failedSpecOf, type PluginHost } from '../runtime/plugin-host';
import type { PluginSecretSealer } from '../runtime/plugin-secret-sealer';

const keyOf = (pluginId: string, tenantId: string) => `${pluginId}\u0000${tenantId}`;

/**
 * Brings this process's chat installations to what the store holds, through the host's own lifecycle
 * (activate the new one, then deactivate the one it replaces). The store is the truth; an installation
 * whose revision matches is left running untouched, so a reconcile of an unchanged fleet costs one read.
 * Everything runs one at a time (`exclusive`), the chat administration's changes included, so a reload
 * never interleaves with an install on this instance.
 */
export class InstallationReconciler {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: {
    readonly host: PluginHost;
    readonly store: Pick<Store, 'pluginInstallations'>;
    readonly sealer: PluginSecretSealer;
    readonly health: PluginHealthBook;
    readonly clock: Clock;
    readonly logger: Logger;
  }) {}

  /** Runs `work` after everything queued before it; a failure is the caller's and does not stop the queue. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every chat installation against the store; returns how many were (re)loaded or removed. */
  reconcile(): Promise<number> {
    return this.exclusive(async () => {
      const rows = await this.deps.store.pluginInstallations.list();
      const wanted = new Map(rows.map((row) => [keyOf(row.pluginId, row.tenantId), row]));
      let changed = 0;
      for (const row of rows) if (await this.converge(row.pluginId, row.tenantId, row)) changed++;
      for (const held of this.deps.host.chatInstallations()) {
        if (wanted.has(keyOf(pluginIdOf(held), held.spec.tenantId))) continue;
        if (await this.converge(pluginIdOf(held), held.spec.tenantId, undefined)) changed++;
      }
      if (changed) this.deps.logger.info('Plugin installations reconciled from the database', { changed });
      return changed;
    });
  }

  /** One tenant's installation of one plugin, as a notice asks. */
  reload(pluginId: string, tenantId: string): Promise<boolean> {
    return this.exclusive(async () => this.converge(pluginId, tenantId, await this.deps.store.pluginInstallations.find(pluginId, tenantId)));
  }

  private async converge(pluginId: string, tenantId: string, row: PluginInstallation | undefined): Promise<boolean> {
    const { host, logger } = this.deps;
    const held = host.chatInstallations().find((i) => pluginIdOf(i) === pluginId && i.spec.tenantId === tenantId);
    if (!row) {
      if (!held) return false;
      await host.replaceChat(pluginId, tenantId, undefined);
      logger.info('Plugin uninstalled on another instance; stopped here too', { plugin: pluginId, tenant: tenantId, installation: held.spec.installationId });
      return true;
    }
    const revision = installationRevision(row);
    if (held?.spec.revision === revision) return false;
    await host.replaceChat(pluginId, tenantId, await this.loaded(row, revision));
    logger.info('Plugin installation reloaded from the database', { plugin: pluginId, tenant: tenantId, installation: row.installationId });
    return true;
  }

  /** The row activated, or failed with its reason (kept, so `plugins list` and the webhook answer say why). */
  private async loaded(row: PluginInstallation, revision: string): Promise<InstallationState> {
    const { host, sealer, health, clock, logger } = this.deps;
    const found = await chatInstallationSpec(row, host.catalog, sealer);
    if (!found.ok) {
      logger.error('A plugin installed from chat cannot run', { plugin: row.pluginId, installation: row.installationId, tenant: row.tenantId, reason: found.reason });
      await health.failure(row.pluginId, row.installationId, clock.now(), found.reason);
      return { state: 'failed', spec: { installationId: row.installationId, tenantId: row.tenantId, source: 'chat', pluginId: row.pluginId, revision }, reason: found.reason };
    }
    const result = await host.activate(found.spec);
    if (result.ok) return result.installation;
    logger.error('A plugin installed from chat did not start', { plugin: row.pluginId, installation: row.installationId, tenant: row.tenantId, reason: result.reason });
    return { state: 'failed', spec: failedSpecOf(found.spec), reason: result.reason };
  }
}
