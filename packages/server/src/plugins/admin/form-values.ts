import type { PluginField } from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import { SECRET_FIELD_PREFIX } from './plugin-form-fields';

export interface FormSubmission {
  /** The config as the plugin's schema will see it (before its defaults). */
  readonly config: Record<string, unknown>;
  /** Every secret after the submission: typed ones, and stored ones left empty. */
  readonly secrets: Record<string, string>;
  /** Field key → what is wrong. */
  readonly errors: Record<string, string>;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/**
 * The strings a form returned, as the typed config the schema checks: numbers, booleans, choices and
 * JSON read from text; an empty field left out (so the schema's default or "required" applies); a key
 * that is no field of the plugin refused. Then the plugin's schema itself, its issues under their field.
 */
export function readSubmission(definition: AnyPluginDefinition, fields: readonly PluginField[], values: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>): FormSubmission & { readonly parsed?: unknown } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors: Record<string, string> = {};
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const key of Object.keys(values)) if (!byKey.has(key)) errors[key] = 'is not a setting of this plugin';
  for (const field of fields) {
    const raw = (values[field.key] ?? '').trim();
    if (field.kind === 'secret') {
      const name = field.key.slice(SECRET_FIELD_PREFIX.length);
      // Secrets are taken exactly as typed (a token may end in a space on purpose; the form trims nothing else).
      const typed = values[field.key] ?? '';
      if (typed.trim() !== '') secrets[name] = typed;
      else if (stored[name]) secrets[name] = stored[name];
      else if (field.required) errors[field.key] = 'is required';
      continue;
    }
    if (raw === '') continue;
    const read = readValue(field, raw);
    if ('error' in read) errors[field.key] = read.error;
    else config[field.key] = read.value;
  }
  if (Object.keys(errors).length) return { config, secrets, errors };
  let result;
  try {
    result = definition.configSchema.safeParse(config);
  } catch {
    return { config, secrets, errors: { '': 'the plugin could not check these settings' } };
  }
  if (result.success) return { config, secrets, errors, parsed: result.data };
  for (const issue of result.error.issues) {
    const top = String(issue.path[0] ?? '');
    const key = byKey.has(top) ? top : '';
    const where = issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ` : '';
    errors[key] ??= `${where}${lowerFirst(issue.message)}`;
  }
  return { config, secrets, errors };
}

function readValue(field: PluginField, raw: string): { value: unknown } | { error: string } {
  switch (field.kind) {
    case 'number': {
      const n = Number(raw);
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'boolean':
      if (TRUE.has(raw.toLowerCase())) return { value: true };
      if (FALSE.has(raw.toLowerCase())) return { value: false };
      return { error: 'must be true or false' };
    case 'choice':
      return field.choices?.includes(raw) ? { value: raw } : { error: `must be one of ${(field.choices ?? []).join(', ')}` };
    case 'json':
      try {
        return { value: JSON.parse(raw) };
      } catch (error) {
        return { error: `is not valid JSON (${(error as Error).message.slice(0, 80)})` };
      }
    default:
      return { value: raw };
  }
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
