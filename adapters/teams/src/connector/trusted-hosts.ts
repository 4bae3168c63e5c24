/**
 * The Bot Connector hosts Microsoft documents for Teams, in every cloud. An activity names the
 * serviceUrl replies go to; anyone can write any URL there, so the bot posts to (and sends its token
 * to) nothing else. Built-in hosts are HTTPS only.
 */
const EXACT_HOSTS = [
  'smba.trafficmanager.net', // public cloud, every region (`/amer/`, `/emea/`, `/apac/`, `/teams/` paths)
  'smba.infra.gcc.teams.microsoft.com', // GCC
  'smba.infra.gov.teams.microsoft.us', // GCC High
  'smba.infra.dod.teams.microsoft.us', // DoD
];
/** Any host under these: `*.botframework.com` (public), `*.botframework.us` (US Government), `*.botframework.azure.cn` (China). */
const HOST_SUFFIXES = ['.botframework.com', '.botframework.us', '.botframework.azure.cn'];

/**
 * Decides whether a serviceUrl may receive Muster's posts and token. Extra hosts come from
 * TEAMS_TRUSTED_HOSTS (`host` or `host:port`, for sovereign proxies and local fakes); those may be
 * plain HTTP, and one with a port matches that port only.
 */
export class TrustedHosts {
  private readonly extra: readonly { readonly host: string; readonly port?: string }[];

  constructor(extraHosts: readonly string[] = []) {
    this.extra = extraHosts.map(parseExtra).filter((h): h is { host: string; port?: string } => !!h);
  }

  allows(serviceUrl: string | undefined): boolean {
    const url = parseUrl(serviceUrl);
    if (!url || url.username || url.password) return false;
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    if (this.extra.some((e) => e.host === host && (!e.port || e.port === port))) return url.protocol === 'https:' || url.protocol === 'http:';
    if (url.protocol !== 'https:') return false;
    return EXACT_HOSTS.includes(host) || HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
  }
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function parseExtra(entry: string): { host: string; port?: string } | undefined {
  const trimmed = entry.trim().toLowerCase();
  if (!trimmed) return undefined;
  const url = parseUrl(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`);
  if (!url?.hostname) return undefined;
  const explicitPort = /:(\d+)(\/|$)/.exec(trimmed.replace(/^[a-z]+:\/\//, ''))?.[1];
  return { host: url.hostname.replace(/\.$/, ''), ...(explicitPort ? { port: explicitPort } : {}) };
}
