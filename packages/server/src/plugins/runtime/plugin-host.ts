import type { Clock, Logger, MusterSettings } from '@muster/core';
import type { Store } from '@muster/store';
import { ConfigError } from '../../config/config-error';
import type { ServerConfig } from '../../config/server-config';
import type { PluginHealthBook } from '../guard/plugin-health-book';
import { loadConfigInstallations } from '../loading/config-installations';
import { PluginCatalog } from '../loading/plugin-catalog';
import { chatInstallationSpec } from './chat-installations';
import { installationRevision } from './installation-revision';
import { installationKey, pluginIdOf, type ActiveInstallation, type FailedInstallation, type InstallationSpec, type InstallationState } from './installation';
import type { ActivationResult, InstallationActivator } from './installation-activator';
import type { PluginSecretSealer } from './plugin-secret-sealer';

/** Thrown by a plugin for configuration that cannot work; checked by name, the plugin may carry its own SDK copy. */
const isPluginConfigError = (error: unknown): error is Error => error instanceof Error && error.name === 'PluginConfigError';

/**
 * The plugins running in this process: the catalogue of what can run, and every installation (the
 * muster.yaml ones, then those made from chat, oldest first) as active or failed. Chat installations are
 * loaded from the store at start; one that no longer loads or activates is marked failed in health and
 * logged, and the server starts anyway. Listeners hear which plugin's installations changed (the
 * command bridge re-registers its commands).
 */
export class PluginHost {
  readonly catalog = new PluginCatalog();
  // This process's running plugins; with several instances the chat ones are kept equal to the database by plugins/sync.
  private readonly installations = new Map<string, InstallationState>();
  private readonly listeners: ((pluginId: string) => void)[] = [];

  constructor(private readonly deps: {
    readonly config: ServerConfig;
    readonly settings: MusterSettings;
    readonly store: Store;
    readonly logger: Logger;
    readonly activator: InstallationActivator;
    readonly health: PluginHealthBook;
    readonly sealer: PluginSecretSealer;
    readonly clock: Clock;
  }) {}

  private configSpecs?: InstallationSpec[];

  /**
   * Loads and checks the plugins muster.yaml names (no database needed): throws ConfigError for
   * anything wrong with them, before the server touches its data.
   */
  async load(): Promise<void> {
    this.configSpecs ??= await loadConfigInstallations(this.deps.config, this.deps.settings, this.catalog, this.deps.logger);
  }

  /**
   * Activates the muster.yaml installations, then the chat ones from the store. Throws ConfigError when
   * a muster.yaml plugin says its configuration cannot work (nothing is left running then).
   */
  async start(): Promise<void> {
    const { logger } = this.deps;
    await this.load();
    const specs = this.configSpecs ?? [];
    const problems: string[] = [];
    for (const spec of specs) {
      const result = await this.deps.activator.activate(spec);
      if (result.ok) this.put(result.installation);
      else if (isPluginConfigError(result.error)) problems.push(`plugins.${spec.definition.id}: ${result.reason.replace(/^PluginConfigError: /, '')}`);
      else this.markFailed(failedSpecOf(spec), result.reason, 'A muster.yaml plugin did not start; it stays off until the next start');
    }
    if (problems.length) {
      await this.stop();
      throw new ConfigError(problems);
    }
    for (const row of await this.deps.store.pluginInstallations.list()) {
      const found = await chatInstallationSpec(row, this.catalog, this.deps.sealer);
      if (!found.ok) {
        this.markFailed({ installationId: row.installationId, tenantId: row.tenantId, source: 'chat', pluginId: row.pluginId, revision: installationRevision(row) }, found.reason, 'A plugin installed from chat cannot run');
        await this.deps.health.failure(row.pluginId, row.installationId, this.deps.clock.now(), found.reason);
        continue;
      }
      const result = await this.deps.activator.activate(found.spec);
      if (result.ok) this.put(result.installation);
      else this.markFailed(failedSpecOf(found.spec), result.reason, 'A plugin installed from chat did not start');
    }
    for (const pluginId of new Set([...this.installations.values()].map(pluginIdOf))) this.changed(pluginId);
    logger.info('Plugins ready', { available: this.catalog.all().map((e) => e.definition.id), running: this.active().map((i) => `${i.spec.definition.id}/${i.spec.installationId}`) });
  }

  /** Deactivates every installation (each under its time limit). */
  async stop(): Promise<void> {
    const running = this.active();
    this.installations.clear();
    for (const installation of running) await this.deps.activator.deactivate(installation);
  }

  onChange(listener: (pluginId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Activates a spec without publishing it (the administration stores it first). */
  activate(spec: InstallationSpec): Promise<ActivationResult> {
    return this.deps.activator.activate(spec);
  }

  deactivate(installation: ActiveInstallation): Promise<void> {
    return this.deps.activator.deactivate(installation);
  }

  /** Makes an activated installation the tenant's one for its plugin, deactivating the one it replaces. */
  async publish(installation: ActiveInstallation): Promise<void> {
    const previous = this.installationOf(installation.spec.definition.id, installation.spec.tenantId);
    if (previous) this.installations.delete(installationKey(pluginIdOf(previous), previous.spec.installationId));
    this.put(installation);
    this.changed(installation.spec.definition.id);
    if (previous?.state === 'active') await this.deps.activator.deactivate(previous);
  }

  /** Removes the tenant's installation of the plugin (deactivated); returns what was removed. */
  async unpublish(pluginId: string, tenantId: string): Promise<InstallationState | undefined> {
    const current = this.installationOf(pluginId, tenantId);
    if (!current) return undefined;
    this.installations.delete(installationKey(pluginId, current.spec.installationId));
    this.changed(pluginId);
    if (current.state === 'active') await this.deps.activator.deactivate(current);
    return current;
  }

  /** Every installation made from chat that this process holds, active or failed (what the reconciler compares with the store). */
  chatInstallations(): InstallationState[] {
    return [...this.installations.values()].filter((i) => i.spec.source === 'chat');
  }

  /**
   * Puts `next` (or nothing) in place of the tenant's chat installation of the plugin, whatever its id
   * (an uninstall and install elsewhere gives a new one), and deactivates what it replaces. A muster.yaml
   * installation is never touched. For the reconciler: it brings this process to what the store says.
   */
  async replaceChat(pluginId: string, tenantId: string, next: InstallationState | undefined): Promise<void> {
    const previous = this.chatInstallations().filter((i) => pluginIdOf(i) === pluginId && i.spec.tenantId === tenantId);
    for (const old of previous) this.installations.delete(installationKey(pluginId, old.spec.installationId));
    if (next) this.put(next);
    if (!next && previous.length === 0) return;
    this.changed(pluginId);
    for (const old of previous) if (old.state === 'active' && old !== next) await this.deps.activator.deactivate(old);
  }

  /** The plugin's installations: the muster.yaml one first, then chat ones, oldest first. */
  installationsOf(pluginId: string): InstallationState[] {
    return [...this.installations.values()].filter((i) => pluginIdOf(i) === pluginId);
  }

  /** The tenant's installation of the plugin (the muster.yaml one wins over a stale chat row). */
  installationOf(pluginId: string, tenantId: string): InstallationState | undefined {
    const mine = this.installationsOf(pluginId).filter((i) => i.spec.tenantId === tenantId);
    return mine.find((i) => i.spec.source === 'config') ?? mine[0];
  }

  /** The active installation with this id, if it is running. */
  activeInstallation(pluginId: string, installationId: string): ActiveInstallation | undefined {
    const found = this.installations.get(installationKey(pluginId, installationId));
    return found?.state === 'active' ? found : undefined;
  }

  /** The tenant's failed installations of plugins missing from the catalogue (removed since they were installed). */
  orphansOf(tenantId: string): { pluginId: string; reason: string }[] {
    return [...this.installations.values()]
      .filter((i): i is FailedInstallation => i.state === 'failed' && i.spec.tenantId === tenantId && !this.catalog.has(i.spec.pluginId))
      .map((i) => ({ pluginId: i.spec.pluginId, reason: i.reason }));
  }

  active(): ActiveInstallation[] {
    return [...this.installations.values()].filter((i): i is ActiveInstallation => i.state === 'active');
  }

  private put(installation: InstallationState): void {
    this.installations.set(installationKey(pluginIdOf(installation), installation.spec.installationId), installation);
  }

  private markFailed(spec: FailedInstallation['spec'], reason: string, message: string): void {
    this.put({ state: 'failed', spec, reason });
    this.deps.logger.error(message, { plugin: spec.pluginId, installation: spec.installationId, tenant: spec.tenantId, reason });
  }

  private changed(pluginId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(pluginId);
      } catch (error) {
        this.deps.logger.warn('A plugin change listener failed', { plugin: pluginId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

export const failedSpecOf = (spec: InstallationSpec): FailedInstallation['spec'] => ({
  pluginId: spec.definition.id, definition: spec.definition, installationId: spec.installationId, tenantId: spec.tenantId, source: spec.source,
  ...(spec.revision && { revision: spec.revision }),
});
