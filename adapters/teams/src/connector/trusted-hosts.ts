import { MusterError } from '@muster/core';

/**
 * The Bot Connector hosts Microsoft documents for Teams: the public cloud's `smba.trafficmanager.net`
 * (its regional forms are paths on that host: `/amer/`, `/emea/`, `/teams/`…) and the GCC, GCC High
 * and DoD hosts. Exact host names, never suffixes: `smba.trafficmanager.net.evil.com` is someone else.
 */
export const TEAMS_SERVICE_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

/**
 * Bot Framework's own domains (public cloud, US Government, China operated by 21Vianet): every host
 * under them is Microsoft's. Matched on a dot boundary, so `evilbotframework.com` does not match.
 */
export const BOT_FRAMEWORK_DOMAINS: readonly string[] = ['botframework.com', 'botframework.azure.us', 'botframework.azure.cn'];

/**
 * Decides which serviceUrls may receive the bot's token. A serviceUrl arrives inside an activity,
 * so a forged one must never get a request from us: only https on the default port to the hosts
 * above, plus hosts configured by an operator (`TEAMS_TRUSTED_HOSTS`: sovereign clouds, a proxy, or
 * `127.0.0.1:4010` in tests), which may use http and carry a port. URLs with credentials (the
 * `https://smba.trafficmanager.net@evil.com` trick), queries or fragments are refused outright.
 *
 * The Agents SDK has an outbound host validator too, but it matches suffixes of broad domains
 * (sharepoint.com, blob.core.windows.net) that any tenant can host under, and ignores scheme and port.
 */
export class TrustedServiceHosts {
  private readonly extras: ReadonlySet<string>;

  constructor(extraHosts: readonly string[] = []) {
    this.extras = new Set(extraHosts.map((h) => h.trim()).filter((h) => h !== '').map(normalizeExtra));
  }

  /** `TEAMS_TRUSTED_HOSTS` as written: a comma-separated list of `host` or `host:port`. */
  static fromList(list: string | undefined): TrustedServiceHosts {
    return new TrustedServiceHosts((list ?? '').split(','));
  }

  /** The parsed URL when the bot may call it, else undefined. */
  check(serviceUrl: string): URL | undefined {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return undefined;
    }
    if (url.username || url.password || url.search || url.hash) return undefined;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (this.extras.has(url.host.toLowerCase())) return url;
    if (url.protocol !== 'https:' || url.port !== '') return undefined;
    const host = url.hostname.toLowerCase();
    return TEAMS_SERVICE_HOSTS.includes(host) || BOT_FRAMEWORK_DOMAINS.some((d) => host.endsWith(`.${d}`)) ? url : undefined;
  }

  /** Whether the URL's host (and port) is one the operator listed, as opposed to Microsoft's own. */
  isConfigured(url: URL): boolean {
    return this.extras.has(url.host.toLowerCase());
  }

  isTrusted(serviceUrl: string): boolean {
    return this.check(serviceUrl) !== undefined;
  }

  /** The URL to call, or a MusterError naming only the host (a serviceUrl may carry anything). */
  require(serviceUrl: string): URL {
    const url = this.check(serviceUrl);
    if (url) return url;
    throw new MusterError(
      'not_permitted',
      `Muster does not send to ${describeHost(serviceUrl)}: it is not a Microsoft Bot Connector host. Add it to TEAMS_TRUSTED_HOSTS only if it is yours.`,
      { reason: 'untrusted_service_url' },
    );
  }
}

function normalizeExtra(entry: string): string {
  const notAHost = () => new MusterError('configuration', `TEAMS_TRUSTED_HOSTS has "${entry.slice(0, 80)}", which is not a host or host:port.`, { key: 'TEAMS_TRUSTED_HOSTS' });
  let url: URL;
  try {
    url = new URL(entry.includes('://') ? entry : `https://${entry}`);
  } catch {
    throw notAHost();
  }
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) throw notAHost();
  return url.host.toLowerCase();
}

/** A short, printable name for where a URL points, for messages. */
function describeHost(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).host.slice(0, 100) || 'that address';
  } catch {
    return 'an address that is not a URL';
  }
}
