import { z } from 'zod';
import type { FilePluginEntry } from './file-config';
import { entries, flag, settings, text, whenAMapping } from './schema-kit';
import { looksLikeSecret, pluginSecretVariable } from './secret-keys';

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,39}$/;

/** A plugin's `config:` is its own schema's to check when the host loads it; here only its shape and its keys. */
const PLUGIN_CONFIG = z.record(z.string(), z.unknown(), { error: "must be a mapping of the plugin's settings, like severity: { label: severity }" });

const PLUGIN = settings({
  enabled: flag().default(true),
  package: text().optional(),
  config: PLUGIN_CONFIG.default({}),
});

/** `plugins: { <id>: { enabled?, package?, config? } }`; `pagerduty:` alone turns the plugin on with its defaults. */
export const PLUGINS: z.ZodType<Record<string, FilePluginEntry>> = entries(z.string().regex(PLUGIN_ID), PLUGIN, {
  badId: 'is not a plugin id: use 2 to 40 lower-case letters, digits or "-", starting with a letter',
  notAMapping: 'must be a mapping of plugin id to its settings, like alertmanager: { enabled: true }',
})
  // Checked even when the rest of the section is wrong: a secret in the file is the problem to hear first.
  .superRefine(noSecretsInConfig, { when: whenAMapping });

function noSecretsInConfig(plugins: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  for (const [id, entry] of Object.entries(plugins)) {
    const config = typeof entry === 'object' && entry !== null ? (entry as { config?: unknown }).config : undefined;
    for (const path of secretPaths(config)) {
      const variable = pluginSecretVariable(id, String(path.at(-1)));
      ctx.addIssue({ code: 'custom', path: [id, 'config', ...path], message: `is a secret, and secrets never go in the file: set ${variable} in the environment instead, or set it from chat` });
    }
  }
}

/** Where secret-looking keys hold a value, at any depth of nested mappings (a secret is one value, not a mapping). */
function secretPaths(value: unknown, depth = 0): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > 16) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return secretPaths(inner, depth + 1).map((path) => [key, ...path]);
    return looksLikeSecret(key) && inner !== null && inner !== undefined ? [[key]] : [];
  });
}
