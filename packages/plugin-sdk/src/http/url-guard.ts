import { PluginHttpError } from '../errors';

/**
 * Which URLs a plugin may call. The host builds it from the plugin's `apiUrl` (and any extra hosts
 * the installation allows), so a plugin, or a remote answer redirecting it, cannot reach anything else.
 */
export class UrlGuard {
  private readonly base?: URL;
  private readonly hosts?: ReadonlySet<string>;

  constructor(baseUrl?: string, allowedHosts?: readonly string[]) {
    this.base = baseUrl === undefined ? undefined : new URL(baseUrl);
    if (allowedHosts !== undefined || this.base !== undefined) {
      this.hosts = new Set([...(allowedHosts ?? []).map((h) => h.toLowerCase()), ...(this.base ? [this.base.host] : [])]);
    }
  }

  /** The absolute URL for a request (relative ones against the base URL), or a `PluginHttpError` saying why not. */
  resolve(url: string, method: string): URL {
    let resolved: URL;
    try {
      resolved = new URL(url, this.base);
    } catch {
      throw new PluginHttpError(`${method} ${redactUrl(url)}: not a valid URL`, undefined);
    }
    this.check(resolved, method);
    return resolved;
  }

  check(url: URL, method: string): void {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PluginHttpError(`${method} ${redactUrl(url)}: only http and https URLs may be called`, undefined);
    }
    if (url.username || url.password) {
      throw new PluginHttpError(`${method} ${redactUrl(url)}: credentials go in headers, not in the URL`, undefined);
    }
    if (this.hosts && !this.hosts.has(url.host)) {
      throw new PluginHttpError(`${method} ${redactUrl(url)}: ${url.host} is not among the hosts this plugin may call (${[...this.hosts].join(', ')})`, undefined);
    }
  }
}

/**
 * A URL fit for a log line or an error: no user info and no query string (API keys travel there:
 * Datadog's `api_key`, Opsgenie's `apiKey`), cut to a readable length.
 */
export function redactUrl(url: string | URL): string {
  let text: string;
  try {
    const parsed = new URL(url);
    text = `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    // Not parseable: keep only what comes before any query or fragment.
    text = String(url).split(/[?#]/, 1)[0]!.replace(/\/\/[^/@]*@/, '//');
  }
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
