import type { Logger } from '@muster/core';
import { createPluginHttp, type PluginHttp } from '@muster/plugin-sdk';

/**
 * A plugin's `ctx.http`: the SDK's client with the installation's `apiUrl` as base URL (so its host
 * is the one allowed, redirects included), its secrets kept out of error excerpts, each attempt
 * logged at debug level (URL without query string, never a header).
 */
export function pluginHttp(config: unknown, secrets: readonly string[], logger: Logger, tags: Record<string, string>): PluginHttp {
  const apiUrl = (config as { apiUrl?: unknown } | null)?.apiUrl;
  return createPluginHttp({
    ...(typeof apiUrl === 'string' && apiUrl && { baseUrl: apiUrl }),
    redact: secrets,
    userAgent: 'Muster plugin host',
    onAttempt: (attempt) => logger.debug('plugin HTTP attempt', { ...tags, ...attempt }),
  });
}
