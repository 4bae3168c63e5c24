/**
 * The whole Muster server as production runs it (configuration, the one container, the HTTP server,
 * the real Bolt receiver on /slack/events, core, the store, the outbox pump), in its own process.
 * The driver reads counters through IPC between phases; nothing here is on the request path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, loadConfig, OutboxPump, SERVER_TOKENS, startServer } from '@muster/server';
import type { Store } from '@muster/store';
import { CaptureVariants } from './capture-variants';
import { Diagnostics } from './diagnostics';
import { runDirectCapture, type DirectCaptureRequest } from './direct-capture';
import { childSettings, failStart, serveDriver } from './ipc';

export interface MusterServerSettings {
  /** Working directory: muster.yaml, the SQLite file (if any) and the server log. */
  readonly dir: string;
  /** The server's environment (MUSTER_*, SLACK_*): exactly these variables, nothing inherited. */
  readonly env: Record<string, string>;
  readonly musterYaml?: string;
  readonly logLevel?: 'info' | 'warn';
  /** `worker`: what `muster worker` runs (the queues and the probes, no chat); default the server. */
  readonly role?: 'server' | 'worker';
}

export interface MusterServerInfo {
  /** Slack's endpoint (`/slack/events`). */
  readonly url: string;
  /** Teams' endpoint (`/api/messages`). */
  readonly teamsUrl: string;
  /** Alert sources' endpoints: `<webhooksUrl>/<plugin id>`. */
  readonly webhooksUrl: string;
}

export interface StoredMessageRow {
  readonly idempotency_key: string;
  readonly external_message_id: string;
}

export interface OutboxCounts {
  readonly done: number;
  readonly pending: number;
  readonly dead: number;
}

async function main(): Promise<void> {
  const settings = childSettings<MusterServerSettings>();
  if (settings.musterYaml) writeFileSync(join(settings.dir, 'muster.yaml'), settings.musterYaml);
  const config = loadConfig({ env: settings.env, cwd: settings.dir, interactive: false });
  const server = await startServer(settings.role === 'worker' ? { ...config, console: false } : config, { role: settings.role ?? 'server', logger: createLogger({ level: settings.logLevel ?? 'info', file: join(settings.dir, 'server.log') }) });
  const store = server.container.get<Store>(SERVER_TOKENS.Store);
  const pump = server.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);

  // Pending = due now or being retried, as the store counts its backlog: reminders scheduled an hour
  // ahead (update due, …) are not work the drain can finish, and waiting for them would stall every
  // drain until its deadline. The time is UTC text, which both SQLite's text and MariaDB's DATETIME compare with.
  const outbox = async (): Promise<OutboxCounts> => {
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const [row] = await store.dataSource.query(
      'SELECT SUM(CASE WHEN completed_at IS NOT NULL THEN 1 ELSE 0 END) AS done, SUM(CASE WHEN completed_at IS NULL AND dead = 0 AND (attempts > 0 OR available_at <= ?) THEN 1 ELSE 0 END) AS pending, SUM(CASE WHEN dead <> 0 THEN 1 ELSE 0 END) AS dead FROM outbox',
      [now],
    ) as { done: unknown; pending: unknown; dead: unknown }[];
    return { done: Number(row?.done ?? 0), pending: Number(row?.pending ?? 0), dead: Number(row?.dead ?? 0) };
  };

  /** Pending messages due within `withinMs` (a timer set for later, e.g. an update reminder, is not due), with their topics and last errors. */
  const outboxDue = async (withinMs: unknown): Promise<{ due: number; topics: string[] }> => {
    const rows = await store.dataSource.query('SELECT topic, available_at, last_error FROM outbox WHERE completed_at IS NULL AND dead = 0') as { topic: string; available_at: unknown; last_error: string | null }[];
    const horizon = Date.now() + Number(withinMs ?? 0);
    const due = rows.filter((r) => new Date(r.available_at instanceof Date ? r.available_at : String(r.available_at)).getTime() <= horizon);
    return { due: due.length, topics: due.map((r) => `${r.topic}${r.last_error ? ` (${r.last_error.slice(0, 120)})` : ''}`) };
  };

  const diagnostics = new Diagnostics();
  const variants = new CaptureVariants(server.container, store, config.databaseUrl);
  const info: MusterServerInfo = { url: `http://127.0.0.1:${server.port}/slack/events`, teamsUrl: `http://127.0.0.1:${server.port}/api/messages`, webhooksUrl: `http://127.0.0.1:${server.port}/webhooks` };
  serveDriver({ ...info }, {
    outbox,
    outboxDue,
    /** The outbox rows made at or after `since` (epoch ms): topic, attempts, and when made, due and done (diagnostics). */
    outboxSince: async (since: unknown) => {
      const rows = await store.dataSource.query('SELECT topic, attempts, created_at, available_at, completed_at, last_error FROM outbox ORDER BY id') as Record<string, unknown>[];
      const ms = (v: unknown) => (v === null || v === undefined ? null : new Date(v instanceof Date ? v : String(v)).getTime());
      return rows.map((r) => ({ topic: r.topic, attempts: r.attempts, created: ms(r.created_at), due: ms(r.available_at), done: ms(r.completed_at), error: r.last_error }))
        .filter((r) => (r.created ?? 0) >= Number(since));
    },
    /** Lets the outbox (and any Slack follow-up) finish what is queued, bounded by `deadlineMs`. */
    drainOutbox: async (deadlineMs: unknown) => {
      const until = Date.now() + Number(deadlineMs);
      while (Date.now() < until) {
        await server.idle();
        await pump.drainUntilIdle(Math.max(1, Math.min(5_000, until - Date.now())));
        if ((await outbox()).pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return outbox();
    },
    /** The room of INC-<number> on a platform (Slack unless named), once the outbox has created it. */
    roomOf: async (args: unknown) => {
      const { number, platform } = typeof args === 'object' && args !== null ? args as { number: number; platform: string } : { number: Number(args), platform: 'slack' };
      const incident = await store.repositories.incidents.findByNumber('default', Number(number));
      return incident?.snapshot().links.rooms.find((r) => r.platform === platform)?.conversationId ?? null;
    },
    /** The id of INC-<number> (the value of its card's buttons), or null. */
    incidentIdOf: async (number: unknown) => (await store.repositories.incidents.findByNumber('default', Number(number)))?.snapshot().id ?? null,
    /** The incident declared with this title and its room on a platform (null until the outbox has opened it). */
    roomTitled: async (args: unknown) => {
      const { title, platform } = args as { title: string; platform: string };
      const incident = (await store.repositories.incidents.list()).find((i) => i.title === title);
      const room = incident?.snapshot().links.rooms.find((r) => r.platform === platform);
      return incident ? { number: incident.snapshot().number, conversationId: room?.conversationId ?? null } : null;
    },
    /** The message rows stored for one room, read from the database (the suites audit them: lost, duplicated). */
    timelineRows: (args: unknown) => {
      const { platform, conversationId } = args as { platform: string; conversationId: string };
      return store.dataSource.query(
        'SELECT idempotency_key, external_message_id FROM timeline_entries WHERE external_platform = ? AND external_conversation_id = ? AND kind = ?',
        [platform, conversationId, 'message'],
      ) as Promise<StoredMessageRow[]>;
    },
    /** Per incident title starting with `prefix`: how many incidents, and their `alert` timeline entries (the webhook suites audit them). */
    alertIncidents: (prefix: unknown) => store.dataSource.query(
      'SELECT i.title AS title, COUNT(DISTINCT i.id) AS incidents, COUNT(t.position) AS alert_entries FROM incidents i LEFT JOIN timeline_entries t ON t.incident_id = i.id AND t.kind = ? WHERE i.title LIKE ? GROUP BY i.title',
      ['alert', `${String(prefix)}%`],
    ),
    /** The store path alone (no HTTP, no Bolt), in this process, through this server's container. */
    captureDirect: (request: unknown) => {
      const r = request as DirectCaptureRequest;
      return runDirectCapture((room) => variants.build(r.variant ?? 'capture', room), r);
    },
    /** Diagnostics only: the pump off, so a phase measures the acks without room set-up competing. */
    // The Slack adapter kicks the pump after every command, so pausing also shadows kick() on this
    // instance until resumed (a bench-only diagnostic; production never pauses).
    pausePump: async () => {
      Object.defineProperty(pump, 'kick', { value: () => undefined, configurable: true, writable: true });
      await pump.stop();
    },
    resumePump: () => {
      delete (pump as unknown as { kick?: unknown }).kick;
      pump.start();
    },
    groupCommit: () => ({ ...store.unitOfWork.stats }),
    cpu: () => process.cpuUsage(),
    startProfile: () => diagnostics.startProfile(),
    stopProfile: () => diagnostics.stopProfile(),
    startLoopDelay: () => diagnostics.startLoopDelay(),
    stopLoopDelay: () => diagnostics.stopLoopDelay(),
  }, async () => {
    await variants.close();
    await server.stop();
  });
}

main().catch(failStart);
