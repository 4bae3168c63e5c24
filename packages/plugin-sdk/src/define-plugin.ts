import type { z } from 'zod';
import type { Capability } from './capabilities';
import type { PluginDefinition } from './plugin-definition';

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,39}$/;
const SECRET_NAME = /^[A-Z][A-Z0-9_]{0,39}$/;

/**
 * Declares a plugin. Checks what can be checked without a host (id, secret names, declared
 * capabilities), so a mistake fails when the module loads, not at the first webhook.
 */
export function definePlugin<C extends Capability, S extends z.ZodType>(definition: PluginDefinition<C, S>): PluginDefinition<C, S> {
  if (!PLUGIN_ID.test(definition.id)) throw new Error(`Plugin id "${definition.id}" must be lower-case letters, digits or "-" (2 to 40, starting with a letter).`);
  for (const secret of definition.secrets) {
    if (!SECRET_NAME.test(secret.name)) throw new Error(`Plugin ${definition.id}: secret name "${secret.name}" must be upper-case letters, digits or "_".`);
  }
  if (definition.capabilities.length === 0) throw new Error(`Plugin ${definition.id} declares no capability.`);
  if (definition.webhookAuth !== undefined) {
    const problem = webhookAuthProblem(definition.webhookAuth);
    if (problem) throw new Error(`Plugin ${definition.id}: webhookAuth ${problem}.`);
    if (!(definition.capabilities as readonly Capability[]).includes('alert-source')) throw new Error(`Plugin ${definition.id}: webhookAuth is for alert sources, and it declares no alert-source.`);
  }
  return Object.freeze({ ...definition });
}

/** `MUSTER_PLUGIN_<ID>_<NAME>`: the id upper-cased with `-` as `_`. */
export const secretEnvName = (pluginId: string, secret: string): string => `MUSTER_PLUGIN_${pluginId.toUpperCase().replace(/-/g, '_')}_${secret}`;

/** What is wrong with a `webhookAuth` value (one line of text, up to 200 characters), or undefined. */
export function webhookAuthProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return 'must be text, like "Authorization: Bearer <TOKEN>"';
  if (value.length > 200) return 'must be at most 200 characters';
  if (/[\r\n]/.test(value)) return 'must be one line';
  return undefined;
}
