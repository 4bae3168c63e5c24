import type { z } from 'zod';
import type { Capability, CapabilityPorts, ProvidedCapabilities } from './capabilities';
import type { PluginContext } from './plugin-context';

/** A secret the plugin needs, set as `MUSTER_PLUGIN_<ID>_<NAME>` or from chat. */
export interface SecretSpec {
  /** Upper-case letters, digits and `_`: `TOKEN`, `WEBHOOK_SECRET`. */
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

export interface PluginDefinition<C extends Capability = Capability, S extends z.ZodType = z.ZodType> {
  /** Lower-case, digits and `-`: the `muster.yaml` key, the webhook path, the env-variable infix. */
  readonly id: string;
  /** For people: `Prometheus Alertmanager`. */
  readonly name: string;
  readonly description: string;
  /** The plugin's own version (semver). */
  readonly version: string;
  /** The SDK range the plugin was written against: `^1.0.0`. */
  readonly sdk: string;
  readonly capabilities: readonly C[];
  /** Validates (and defaults) the installation's `config`. Field descriptions (`.describe()`) label the install form. */
  readonly configSchema: S;
  readonly secrets: readonly SecretSpec[];
  /**
   * Alert sources: how the sender must authenticate its webhooks, as it is set up at the source,
   * naming secrets but never holding one (one line, up to 200 characters):
   * `Authorization: Bearer <TOKEN>`. Shown after an install from chat beside the webhook URL; without
   * it, people are shown the secrets' descriptions.
   */
  readonly webhookAuth?: string;
  /** Called once per installation, after its config validated; returns one port per declared capability. */
  activate(ctx: PluginContext<z.output<S>>): ProvidedCapabilities<C> | Promise<ProvidedCapabilities<C>>;
  /**
   * Called when the installation is removed or Muster stops, with the context its `activate` got: a
   * plugin installed for several tenants knows which installation stops (`ctx.installation`).
   */
  deactivate?(ctx: PluginContext<z.output<S>>): void | Promise<void>;
}

/**
 * Any plugin, as a host holds it: the ports it returns are those of the capabilities it declares (a
 * subset of all), and its config is its own. Every `definePlugin(...)` result is one, without a cast.
 */
export interface AnyPluginDefinition extends Omit<PluginDefinition, 'activate' | 'deactivate'> {
  activate(ctx: PluginContext): Partial<CapabilityPorts> | Promise<Partial<CapabilityPorts>>;
  deactivate?(ctx: PluginContext): void | Promise<void>;
}
