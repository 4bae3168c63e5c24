/**
 * What REDIS_URL names: one Redis server, or a Redis Sentinel group that says which server is the
 * primary (and follows a failover to the new one).
 *
 * - `redis://[[user]:password@]host[:port][/db]`, `rediss://…` for TLS: one server (ioredis parses these).
 * - `redis+sentinel://[[user]:password@]host:port[,host:port…]/<primary name>[/db][?sentinelPassword=…]`,
 *   `rediss+sentinel://…` for TLS: the Sentinels to ask, the name they monitor the primary under
 *   (`sentinel monitor <name> …`), and the password of the Redis servers; `sentinelPassword` when the
 *   Sentinels require one of their own.
 * - `redis+cluster://[[user]:password@]host:port[,host:port…]`, `rediss+cluster://…` for TLS: some nodes of
 *   a Redis Cluster (the client learns the rest from them). A cluster has one database, so no `/db`.
 */
export type RedisAddress =
  | { readonly kind: 'server'; readonly url: string }
  | {
    readonly kind: 'sentinel'; readonly sentinels: readonly { host: string; port: number }[]; readonly name: string;
    readonly username?: string; readonly password?: string; readonly sentinelPassword?: string; readonly db: number; readonly tls: boolean;
  }
  | {
    readonly kind: 'cluster'; readonly nodes: readonly { host: string; port: number }[];
    readonly username?: string; readonly password?: string; readonly tls: boolean;
  };

const SENTINEL = /^(rediss?)\+sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)\/([^/?]+)(?:\/(\d+))?\/?(?:\?(.*))?$/;
const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)\/?$/;
const DEFAULT_SENTINEL_PORT = 26379;
const DEFAULT_REDIS_PORT = 6379;

/** The address REDIS_URL names, or a reason it names none (never echoing the value: it may hold a password). */
export function parseRedisAddress(url: string): RedisAddress | { readonly problem: string } {
  if (/^rediss?:\/\/[^/]/.test(url)) return { kind: 'server', url };
  const cluster = CLUSTER.exec(url);
  if (cluster) {
    const [, scheme, username, password, hostList] = cluster;
    const nodes = hostsOf(hostList!, DEFAULT_REDIS_PORT);
    if (!nodes) return { problem: 'lists a cluster node that is not host or host:port; separate nodes with commas' };
    return { kind: 'cluster', nodes, tls: scheme === 'rediss', ...credentials(username, password) };
  }
  const match = SENTINEL.exec(url);
  if (!match) {
    return { problem: 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), redis+sentinel://host:26379,host:26379/<primary name> for Redis Sentinel, or redis+cluster://host:6379,host:6379 for Redis Cluster' };
  }
  const [, scheme, username, password, hostList, name, db, query] = match;
  const sentinels = hostsOf(hostList!, DEFAULT_SENTINEL_PORT);
  if (!sentinels) return { problem: 'lists a Sentinel that is not host or host:port; separate Sentinels with commas' };
  const params = new URLSearchParams(query ?? '');
  const unknown = [...params.keys()].filter((key) => key !== 'sentinelPassword');
  if (unknown.length > 0) return { problem: `has an unknown setting (${unknown.join(', ')}); only sentinelPassword is read` };
  const sentinelPassword = params.get('sentinelPassword') ?? undefined;
  return {
    kind: 'sentinel', sentinels, name: decodeURIComponent(name!), db: db === undefined ? 0 : Number(db), tls: scheme === 'rediss',
    ...credentials(username, password),
    ...(sentinelPassword && { sentinelPassword }),
  };
}

/** `h1:p1,h2,[::1]:p3` as hosts and ports, or undefined when one is not host or host:port. */
function hostsOf(list: string, defaultPort: number): { host: string; port: number }[] | undefined {
  const hosts: { host: string; port: number }[] = [];
  for (const item of list.split(',')) {
    const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(item.trim());
    const port = hostPort?.[2] === undefined ? defaultPort : Number(hostPort[2]);
    if (!hostPort || port < 1 || port > 65_535) return undefined;
    hosts.push({ host: hostPort[1]!.replace(/^\[|\]$/g, ''), port });
  }
  return hosts;
}

function credentials(username: string | undefined, password: string | undefined): { username?: string; password?: string } {
  return { ...(username && { username: decodeURIComponent(username) }), ...(password && { password: decodeURIComponent(password) }) };
}

/** `host:port/db` or `sentinel h1:26379,h2:26379 primary <name>`, without any credentials: what logs and errors may show. */
export function describeRedisAddress(url: string): string {
  const address = parseRedisAddress(url);
  if ('problem' in address) return 'an unusable REDIS_URL';
  if (address.kind === 'cluster') return `${address.tls ? 'rediss' : 'redis'}+cluster://${address.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  if (address.kind === 'sentinel') {
    const hosts = address.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
    return `${address.tls ? 'rediss' : 'redis'}+sentinel://${hosts}/${address.name}${address.db ? `/${address.db}` : ''}`;
  }
  try {
    const parsed = new URL(url);
    const db = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '';
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${db}`;
  } catch {
    return 'an unparseable REDIS_URL';
  }
}
