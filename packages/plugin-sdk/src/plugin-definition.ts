import type { z } from 'zod';
import type { Capability, ProvidedCapabilities } from './capabilities';
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
  /** Called once per installation, after its config validated; returns one port per declared capability. */
  activate(ctx: PluginContext<z.output<S>>): ProvidedCapabilities<C> | Promise<ProvidedCapabilities<C>>;
  /** Called when the installation is removed or Muster stops. */
  deactivate?(): void | Promise<void>;
}

export type AnyPluginDefinition = PluginDefinition<Capability, z.ZodType>;
