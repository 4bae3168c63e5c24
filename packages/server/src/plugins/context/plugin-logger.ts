import type { Logger } from '@muster/core';
import type { PluginLogger } from '@muster/plugin-sdk';
import type { SecretRedactor } from './secret-redactor';

/**
 * A plugin's `ctx.logger`: the server's log, every line tagged with the plugin and the installation,
 * every known secret of the installation redacted from the message and the fields (the server's own
 * redaction by field name still applies after this).
 */
export function pluginLogger(base: Logger, tags: { readonly plugin: string; readonly installation: string }, redactor: SecretRedactor): PluginLogger {
  const line = (level: keyof Logger) => (msg: string, fields?: Record<string, unknown>) => {
    try {
      const clean = fields ? (redactor.deep(fields) as Record<string, unknown>) : {};
      base[level](redactor.text(String(msg)), { ...clean, ...tags });
    } catch {
      // A plugin's log line must never fail the plugin's call.
    }
  };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
