/**
 * Several `muster` processes sharing one MariaDB database and one Redis (a key prefix of their own),
 * for the scale-out suites: start them, send deliveries that move to a survivor when their instance
 * dies (as Slack and Alertmanager redeliver), and read what the fleet left behind.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createConnection, type Connection } from 'mysql2/promise';
import type { FakeMessage } from '../fakes/fake-slack-api';
import { ANA, type SlackClient } from '../e2e/slack/slack-client';
import { childEnv, CLI, type ChildServer } from './server-support';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const uniqueRedisPrefix = (): string => `muster-fleet-${randomBytes(4).toString('hex')}`;

/** Starts `muster <args>` and waits for the banner's first line (`Muster is running at …` / `Muster worker is running at …`). */
export function startCli(args: readonly string[], cwd: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: childEnv({ MUSTER_CONSOLE: 'off', MUSTER_PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return new Promise((resolvePromise, reject) => {
    let ready = false;
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^Muster (?:worker )?is running at http:\/\/localhost:(\d+)$/m.exec(out);
      if (match && !ready) {
        ready = true;
        resolvePromise({ child, url: `http://127.0.0.1:${match[1]}`, output: () => out, exited });
      }
    });
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    void exited.then(({ code }) => { if (!ready) reject(new Error(`muster ${args.join(' ')} exited (${code}) before it was ready:\n${out}`)); });
  });
}

export interface Delivery {
  readonly label: string;
  /** One attempt at instance `target`; `retry` counts earlier attempts (Slack's X-Slack-Retry-Num). Resolves with the HTTP status. */
  send(target: number, retry: number): Promise<number>;
}

/**
 * Delivers to `first`, and while the answer is not a 2xx (the instance died: refused, reset, 5xx),
 * again to the next instance still alive, as the platforms do. A delivery answered 2xx is never sent
 * again. Resolves with the instances it was sent to, in order.
 */
export async function deliverWithRedelivery(delivery: Delivery, first: number, alive: () => readonly number[], maxAttempts = 6): Promise<number[]> {
  const tried: number[] = [];
  let target = first;
  for (let retry = 0; retry < maxAttempts; retry++) {
    tried.push(target);
    const status = await delivery.send(target, retry).catch(() => 0);
    if (status >= 200 && status < 300) return tried;
    const survivors = alive();
    if (survivors.length === 0) break;
    target = survivors[(survivors.indexOf(target) + 1 + survivors.length) % survivors.length] ?? survivors[0]!;
  }
  throw new Error(`${delivery.label} was not accepted after ${tried.length} attempts (instances ${tried.join(', ')})`);
}

export async function mariaDb(database: string): Promise<Connection> {
  return createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database });
}

export async function count(db: Connection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await db.query(sql, params);
  return Number((rows as { n: number | string }[])[0]!.n);
}

/**
 * Makes every pending timer (an outbox message due later: reminders, workflow steps) due now, so a
 * suite can count "each reminder fired exactly once across three instances" without waiting for its
 * real time. The relays of the fleet pick them up at their next tick. Returns how many.
 */
export async function makeTimersDue(db: Connection): Promise<number> {
  const [result] = await db.query('UPDATE outbox SET available_at = UTC_TIMESTAMP() WHERE completed_at IS NULL AND dead = 0 AND available_at > UTC_TIMESTAMP()');
  return (result as { affectedRows: number }).affectedRows;
}

/** Deletes every Redis key under `prefix`. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The fields Slack sends for `/incident <text>` by Ana in the client's #general, with a trigger id of its own (one per gesture). */
export function commandOf(client: SlackClient, text: string): Record<string, string> {
  const responseUrl = client.slack.responseUrl({ channel: client.general.id, user: ANA.id });
  return {
    token: 'deprecated-verification-token', team_id: client.teamId, team_domain: 'fake', channel_id: client.general.id, channel_name: client.general.name,
    user_id: ANA.id, user_name: ANA.name, command: '/incident', text, api_app_id: 'A0MUSTER', is_enterprise_install: 'false',
    response_url: responseUrl, trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e6)}.${Math.random().toString(16).slice(2)}`,
  };
}

/** The idempotency key Muster put on a post (Slack message metadata), if any. */
export const keyOf = (message: FakeMessage): string | undefined => {
  const key = message.metadata?.event_payload?.key;
  return typeof key === 'string' ? key : undefined;
};

export function duplicates(values: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([v]) => v);
}

/** Interleaves the kinds of deliveries, the same way every run. */
export function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
