/**
 * What REDIS_URL names: one Redis server, or a Redis Sentinel group that says which server is the
 * primary (and follows a failover to the new one).
 *
 * - `redis://[[user]:password@]host[:port][/db]`, `rediss://…` for TLS: one server (ioredis parses these).
 * - `redis+sentinel://[[user]:password@]host:port[,host:port…]/<primary name>[/db][?sentinelPassword=…]`,
 *   `rediss+sentinel://…` for TLS: the Sentinels to ask, the name they monitor the primary under
 *   (`sentinel monitor <name> …`), and the password of the Redis servers; `sentinelPassword` when the
 *   Sentinels require one of their own.
 */
export type RedisAddress =
  | { readonly kind: 'server'; readonly url: string }
  | {
    readonly kind: 'sentinel'; readonly sentinels: readonly { host: string; port: number }[]; readonly name: string;
    readonly username?: string; readonly password?: string; readonly sentinelPassword?: string; readonly db: number; readonly tls: boolean;
  };

const SENTINEL = /^(rediss?)\+sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)\/([^/?]+)(?:\/(\d+))?\/?(?:\?(.*))?$/;
const DEFAULT_SENTINEL_PORT = 26379;

/** The address REDIS_URL names, or a reason it names none (never echoing the value: it may hold a password). */
export function parseRedisAddress(url: string): RedisAddress | { readonly problem: string } {
  if (/^rediss?:\/\/[^/]/.test(url)) return { kind: 'server', url };
  const match = SENTINEL.exec(url);
  if (!match) {
    return { problem: 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), or redis+sentinel://host:26379,host:26379/<primary name> for Redis Sentinel' };
  }
  const [, scheme, username, password, hostList, name, db, query] = match;
  const sentinels: { host: string; port: number }[] = [];
  for (const item of hostList!.split(',')) {
    const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(item.trim());
    const port = hostPort?.[2] === undefined ? DEFAULT_SENTINEL_PORT : Number(hostPort[2]);
    if (!hostPort || port < 1 || port > 65_535) return { problem: 'lists a Sentinel that is not host or host:port; separate Sentinels with commas' };
    sentinels.push({ host: hostPort[1]!.replace(/^\[|\]$/g, ''), port });
  }
  const params = new URLSearchParams(query ?? '');
  const unknown = [...params.keys()].filter((key) => key !== 'sentinelPassword');
  if (unknown.length > 0) return { problem: `has an unknown setting (${unknown.join(', ')}); only sentinelPassword is read` };
  const sentinelPassword = params.get('sentinelPassword') ?? undefined;
  return {
    kind: 'sentinel', sentinels, name: decodeURIComponent(name!), db: db === undefined ? 0 : Number(db), tls: scheme === 'rediss',
    ...(username && { username: decodeURIComponent(username) }),
    ...(password && { password: decodeURIComponent(password) }),
    ...(sentinelPassword && { sentinelPassword }),
  };
}

/** `host:port/db` or `sentinel h1:26379,h2:26379 primary <name>`, without any credentials: what logs and errors may show. */
export function describeRedisAddress(url: string): string {
  const address = parseRedisAddress(url);
  if ('problem' in address) return 'an unusable REDIS_URL';
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
