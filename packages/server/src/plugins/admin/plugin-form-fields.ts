import type { PluginField } from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[]; enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; default?: unknown; description?: string;
  properties?: Record<string, JsonSchema>; required?: string[];
};

export const SECRET_FIELD_PREFIX = 'secret:';

/**
 * The install form of a plugin, from its zod schema (zod 4's JSON Schema, input side: a field with a
 * default is not required) and its secrets. Top-level keys become fields: strings text, enums choices,
 * booleans, numbers; objects, records and lists are typed as JSON. `current` is the stored config.
 */
export function formFields(definition: AnyPluginDefinition, current: Readonly<Record<string, unknown>> | undefined, storedSecrets: ReadonlySet<string>): PluginField[] {
  const schema = jsonSchemaOf(definition);
  const required = new Set(schema.required ?? []);
  const fields: PluginField[] = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const { kind, choices } = kindOf(property);
    const value = current && key in current ? current[key] : property.default;
    const shown = shownValue(value, kind);
    return {
      key, label: labelOf(key), kind, required: required.has(key),
      ...(property.description && { description: property.description }),
      ...(choices && { choices }),
      ...(shown !== undefined && { value: shown }),
    };
  });
  for (const secret of definition.secrets) {
    fields.push({
      key: `${SECRET_FIELD_PREFIX}${secret.name}`, label: labelOf(secret.name), kind: 'secret', required: secret.required,
      description: secret.description, isSet: storedSecrets.has(secret.name),
    });
  }
  return fields;
}

function jsonSchemaOf(definition: AnyPluginDefinition): JsonSchema {
  try {
    return z.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A schema JSON Schema cannot describe (a custom type): its settings are one JSON document.
    return { type: 'object', properties: {} };
  }
}

function kindOf(property: JsonSchema): { kind: PluginField['kind']; choices?: string[] } {
  const options = property.enum ?? (property.const !== undefined ? [property.const] : property.anyOf?.every((o) => o.const !== undefined) ? property.anyOf.map((o) => o.const) : undefined);
  if (options && options.every((o) => typeof o === 'string')) return { kind: 'choice', choices: options as string[] };
  switch (property.type) {
    case 'string': return { kind: 'text' };
    case 'integer':
    case 'number': return { kind: 'number' };
    case 'boolean': return { kind: 'boolean' };
    default: return { kind: 'json' };
  }
}

function shownValue(value: unknown, kind: PluginField['kind']): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (kind === 'json') return JSON.stringify(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const WORDS: Record<string, string> = { url: 'URL', api: 'API', id: 'ID', ids: 'IDs', http: 'HTTP', https: 'HTTPS' };

/** `apiUrl` → `API URL`, `WEBHOOK_SECRET` → `Webhook secret`. */
export function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_.-]+/).filter(Boolean).map((w) => w.toLowerCase());
  return words.map((w, i) => WORDS[w] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ') || key;
}
