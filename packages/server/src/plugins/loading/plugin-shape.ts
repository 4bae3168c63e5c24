import { CAPABILITIES, webhookAuthProblem, type AnyPluginDefinition } from '@muster/plugin-sdk';

/**
 * What is wrong with a module's export as a plugin definition, or undefined when it is one. Checked by
 * shape, not by class: a plugin built against another copy of the SDK is still a plugin.
 */
export function definitionProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'does not export a plugin (export default definePlugin({ … }))';
  const d = value as Record<string, unknown>;
  for (const key of ['id', 'name', 'version', 'sdk'] as const) {
    if (typeof d[key] !== 'string' || !d[key]) return `exports a plugin without a "${key}"`;
  }
  const capabilities = d.capabilities;
  if (!Array.isArray(capabilities) || capabilities.length === 0) return 'exports a plugin that declares no capability';
  const unknown = capabilities.find((c) => !(CAPABILITIES as readonly unknown[]).includes(c));
  if (unknown !== undefined) return `exports a plugin with the unknown capability ${JSON.stringify(unknown)} (known: ${CAPABILITIES.join(', ')})`;
  const schema = d.configSchema as { safeParse?: unknown } | undefined;
  if (!schema || typeof schema.safeParse !== 'function') return 'exports a plugin whose configSchema is not a zod schema';
  if (!Array.isArray(d.secrets) || d.secrets.some((s) => !s || typeof (s as { name?: unknown }).name !== 'string')) return 'exports a plugin whose secrets are not a list of { name, description, required }';
  if (typeof d.activate !== 'function') return 'exports a plugin without an activate function';
  const authProblem = d.webhookAuth === undefined ? undefined : webhookAuthProblem(d.webhookAuth);
  if (authProblem) return `exports a plugin whose webhookAuth ${authProblem}`;
  return undefined;
}

/** The definition among a module's exports: `default` (also as CommonJS `exports.default`), else `plugin`. */
export function pickDefinition(module: Record<string, unknown>): { definition?: AnyPluginDefinition; problem: string } {
  const inner = module.default as Record<string, unknown> | undefined;
  const candidates = [module.default, inner?.default, module.plugin, inner?.plugin].filter((c) => c !== undefined);
  for (const candidate of candidates) if (!definitionProblem(candidate)) return { definition: candidate as AnyPluginDefinition, problem: '' };
  return { problem: definitionProblem(candidates[0]) ?? 'does not export a plugin' };
}
