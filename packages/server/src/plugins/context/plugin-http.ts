import type { Logger } from '@muster/core';
import { createPluginHttp, type PluginHttp } from '@muster/plugin-sdk';

/**
 * A plugin's `ctx.http`: the SDK's client with the installation's `apiUrl` as base URL, allowed to
 * reach only the hosts of the URLs its (validated) config names, redirects included: a Zoom install
 * calls its `oauthUrl` and `apiUrl`, an outgoing webhook its `urls`, nothing else. Its secrets are kept
 * out of error excerpts; each attempt is logged at debug level (URL without query string, never a header).
 */
export function pluginHttp(config: unknown, secrets: readonly string[], logger: Logger, tags: Record<string, string>): PluginHttp {
  const apiUrl = (config as { apiUrl?: unknown } | null)?.apiUrl;
  const hosts = configuredHosts(config);
  return createPluginHttp({
    ...(typeof apiUrl === 'string' && apiUrl && { baseUrl: apiUrl }),
    ...(hosts.length > 0 && { allowedHosts: hosts }),
    redact: secrets,
    userAgent: 'Muster plugin host',
    onAttempt: (attempt) => logger.debug('plugin HTTP attempt', { ...tags, ...attempt }),
  });
}

/** The hosts of every http(s) URL among the config's values (nested objects and lists included). */
export function configuredHosts(config: unknown, depth = 0): string[] {
  if (depth > 6 || config === null || config === undefined) return [];
  if (typeof config === 'string') {
    if (!/^https?:\/\//i.test(config)) return [];
    try { return [new URL(config).host.toLowerCase()]; } catch { return []; }
  }
  const values = Array.isArray(config) ? config : typeof config === 'object' ? Object.values(config as Record<string, unknown>) : [];
  return [...new Set(values.flatMap((value) => configuredHosts(value, depth + 1)))];
}
