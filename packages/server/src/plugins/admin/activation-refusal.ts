import { MusterError } from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import { SECRET_FIELD_PREFIX } from './plugin-form-fields';

/**
 * Why an install did not happen when the plugin would not start with the settings given: a
 * PluginConfigError that names a key (a secret or a setting) under that field, anything else as one
 * message. The reason is already short and secret-free (the guard wrote it).
 */
export function activationRefusal(definition: AnyPluginDefinition, reason: string, error: unknown): MusterError {
  const text = reason.replace(/^PluginConfigError: /, '');
  const key = error instanceof Error && error.name === 'PluginConfigError' ? (error as { key?: unknown }).key : undefined;
  if (typeof key === 'string' && key) {
    const field = definition.secrets.some((s) => s.name === key) ? `${SECRET_FIELD_PREFIX}${key}` : key;
    return new MusterError('validation_failed', `The ${definition.id} plugin did not start with these settings; nothing was stored.`, { fields: { [field]: text } });
  }
  return new MusterError('validation_failed', `The ${definition.id} plugin did not start with these settings (${text}); nothing was stored.`, { fields: {} });
}
