import type { Clock, Logger, MusterSettings, ServiceRepository } from '@muster/core';
import {
  PLUGIN_EVENTS, type Capability, type CapabilityPorts, type PluginCommand, type PluginContext, type PluginEventHandler, type PluginEventName,
} from '@muster/plugin-sdk';
import type { PluginStorageRepository } from '@muster/store';
import { pluginHttp } from '../context/plugin-http';
import { pluginLogger } from '../context/plugin-logger';
import { pluginSecrets } from '../context/plugin-secrets';
import { pluginServices } from '../context/plugin-services';
import { pluginStorage } from '../context/plugin-storage';
import { SecretRedactor } from '../context/secret-redactor';
import type { PluginGuard } from '../guard/plugin-guard';
import type { ActiveInstallation, InstallationSpec } from './installation';
import { commandProblem } from './plugin-command-check';

export type ActivationResult =
  | { readonly ok: true; readonly installation: ActiveInstallation }
  | { readonly ok: false; readonly reason: string; readonly error: unknown };

/**
 * Builds one installation's context and calls the plugin's `activate` under the guard. What the plugin
 * registers (`on`, `registerCommand`) is collected and only takes effect once the host publishes the
 * installation, so a failed activation leaves nothing behind; registrations after `activate` returned
 * are ignored (logged).
 */
export class InstallationActivator {
  constructor(private readonly deps: {
    readonly guard: PluginGuard;
    readonly logger: Logger;
    readonly storage: PluginStorageRepository;
    readonly clock: Clock;
    readonly settings: MusterSettings;
    /** The directory of muster.yaml, when there is one. */
    readonly configDirectory?: string;
    /** The service catalogue (`ctx.services`), read in the installation's tenant. */
    readonly services: Pick<ServiceRepository, 'findByName'>;
  }) {}

  async activate(spec: InstallationSpec): Promise<ActivationResult> {
    const { definition } = spec;
    const redactor = new SecretRedactor(Object.values(spec.secrets));
    const tags = { plugin: definition.id, installation: spec.installationId };
    const subscriptions = new Map<PluginEventName, PluginEventHandler<PluginEventName>>();
    const commands: PluginCommand[] = [];
    let open = true;
    const late = (what: string) => this.deps.logger.warn(`A plugin ${what} after activate returned; ignored`, tags);
    const ctx: PluginContext = {
      pluginId: definition.id,
      config: spec.config,
      secrets: pluginSecrets(definition.id, definition.secrets.map((s) => s.name), spec.secrets, spec.source),
      logger: pluginLogger(this.deps.logger, tags, redactor),
      storage: pluginStorage(this.deps.storage, definition.id, spec.installationId, this.deps.clock),
      http: pluginHttp(spec.config, Object.values(spec.secrets), this.deps.logger, tags),
      severities: this.deps.settings.severities.levels.map((l) => ({ id: l.id, label: l.label })),
      installation: { tenantId: spec.tenantId, source: spec.source, ...(this.deps.configDirectory && { configDirectory: this.deps.configDirectory }) },
      services: pluginServices(this.deps.services, spec.tenantId),
      on: (event, handler) => {
        if (!open) return late(`subscribed to ${String(event)}`);
        if (!(PLUGIN_EVENTS as readonly string[]).includes(event)) throw new Error(`There is no event "${String(event)}"; plugins may hear ${PLUGIN_EVENTS.join(', ')}.`);
        if (typeof handler !== 'function') throw new Error(`The handler for ${event} is not a function.`);
        subscriptions.set(event, handler as PluginEventHandler<PluginEventName>);
      },
      registerCommand: (command) => {
        if (!open) return late(`registered a command`);
        const problem = commandProblem(command, commands);
        if (problem) throw new Error(problem);
        commands.push(command);
      },
    };
    const outcome = await this.deps.guard.run(
      { pluginId: definition.id, pluginName: definition.name, installationId: spec.installationId, operation: 'activate', redactor },
      async () => portsChecked(definition.capabilities, await definition.activate(ctx)),
    );
    open = false;
    if (!outcome.ok) return { ok: false, reason: outcome.reason, error: outcome.error };
    return { ok: true, installation: { state: 'active', spec, context: ctx, ports: outcome.value, subscriptions, commands, redactor } };
  }

  /**
   * Calls the plugin's `deactivate` (if any) with the installation's own context, under the guard; a
   * failure is recorded and does not stop the caller.
   */
  async deactivate(installation: ActiveInstallation): Promise<void> {
    const { definition, installationId } = installation.spec;
    if (!definition.deactivate) return;
    await this.deps.guard.run(
      { pluginId: definition.id, pluginName: definition.name, installationId, operation: 'deactivate', redactor: installation.redactor },
      async () => definition.deactivate?.(installation.context),
    );
  }
}

/** Inside the guard, so a plugin that returns the wrong ports fails its activation like one that throws. */
function portsChecked(capabilities: readonly Capability[], returned: unknown): Partial<CapabilityPorts> {
  const ports = (returned ?? {}) as Partial<Record<Capability, unknown>>;
  const missing = capabilities.filter((c) => typeof ports[c] !== 'object' || ports[c] === null);
  if (missing.length) throw new Error(`activate returned no port for ${missing.join(', ')}`);
  const source = ports['alert-source'] as { verify?: unknown; parse?: unknown } | undefined;
  if (source && (typeof source.verify !== 'function' || typeof source.parse !== 'function')) throw new Error('its alert-source port has no verify or parse function');
  return ports as Partial<CapabilityPorts>;
}
