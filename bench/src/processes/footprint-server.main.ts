/**
 * The Muster server as `muster start` runs it, on a seeded database, with nothing of the bench's own
 * loaded until asked (idle RSS is measured on this process). The driver reads memory through IPC and
 * asks for one catch-up at a time; the catch-up's job code is loaded only then.
 */
import { dirname, join } from 'node:path';
import { timelineEntry, TOKENS, type Incident, type Repositories, type TimelineQuery } from '@muster/core';
import { createLogger, loadConfig, SERVER_TOKENS, startServer } from '@muster/server';
import type { Store } from '@muster/store';
import { childSettings, failStart, serveDriver } from './ipc';
import { memoryReading } from './memory-reading';

export interface FootprintServerSettings {
  readonly dir: string;
  readonly env: Record<string, string>;
}

export interface CatchUpFigures {
  readonly ms: number;
  readonly rowsRead: number;
  /** The largest single read, in rows. */
  readonly largestRead: number;
  readonly reads: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  /** Heap in use at its highest, sampled every 5 ms while the catch-up ran. */
  readonly heapPeakGrowthMb: number;
  readonly producedBy: string;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function main(): Promise<void> {
  const settings = childSettings<FootprintServerSettings>();
  const config = loadConfig({ env: settings.env, cwd: settings.dir, interactive: false });
  const server = await startServer(config, { logger: createLogger({ level: 'warn', file: join(settings.dir, 'server.log') }) });
  const store = server.container.get<Store>(SERVER_TOKENS.Store);
  const repos = server.container.get<Repositories>(TOKENS.Repositories);

  serveDriver({ url: `http://127.0.0.1:${server.port}` }, {
    memory: memoryReading,
    /** A bearer token for the REST API and a dashboard session, made by the store as sign-in would. */
    credentials: async () => {
      const { token } = await store.apiTokens.create(`footprint-${Date.now()}`);
      const person = { platform: 'slack' as const, id: 'U0ALICE', name: 'Alice' };
      const session = await store.webSessions.createSession({ person, workspaceId: 'T0BENCH', tenantId: 'default' }, 'link');
      return { apiToken: token, sessionToken: session.token };
    },
    /** More chat on INC-<number>, so the next catch-up has something new to read. */
    append: async (args: unknown) => {
      const { number, count } = args as { number: number; count: number };
      const incident = (await repos.incidents.findByNumber('default', number))!;
      const at = new Date();
      await repos.timeline.appendMany(Array.from({ length: count }, (_, i) => timelineEntry({
        id: `more-${Date.now()}-${i}`, incidentId: incident.snapshot().id, kind: 'message', occurredAt: at, recordedAt: at, source: 'slack',
        actor: { platform: 'slack', id: 'U0BOB', name: 'Bob' }, text: `new finding ${i}`, idempotencyKey: `more:${Date.now()}:${i}`,
      })));
      return count;
    },
    /** One catch-up as the summary job makes it (IncidentSummaries), rows read counted at the repository. */
    catchUp: async (number: unknown) => {
      // Loaded here, not at start: the catch-up's code must not count in idle RSS.
      // Core's package exports do not include its handlers' helper: required by file, next to core's index.
      const file = join(dirname(require.resolve('@muster/core')), 'application/outbox/handlers/incident-summaries.js');
      // Typed as an identifier only: the class is used as the container's key, its shape is declared at get().
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
      const { IncidentSummaries } = require(file) as { IncidentSummaries: symbol };
      const summaries = server.container.get<{ summarize(i: Incident, k: 'catch_up'): Promise<{ producedBy: string }> }>(IncidentSummaries);
      const incident = (await repos.incidents.findByNumber('default', Number(number)))!;
      const list = repos.timeline.list.bind(repos.timeline);
      const reads: number[] = [];
      repos.timeline.list = async (incidentId: string, query?: TimelineQuery) => {
        const rows = await list(incidentId, query);
        reads.push(rows.length);
        return rows;
      };
      global.gc?.();
      const before = process.memoryUsage();
      let peak = before.heapUsed;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
      const started = performance.now();
      try {
        const result = await summaries.summarize(incident, 'catch_up');
        const ms = performance.now() - started;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        const figures: CatchUpFigures = {
          ms: Math.round(ms * 10) / 10, rowsRead: reads.reduce((a, b) => a + b, 0), largestRead: Math.max(0, ...reads), reads: reads.length,
          rssBeforeMb: mb(before.rss), rssAfterMb: mb(process.memoryUsage().rss), heapPeakGrowthMb: mb(peak - before.heapUsed), producedBy: result.producedBy,
        };
        return figures;
      } finally {
        clearInterval(sampler);
        repos.timeline.list = list;
      }
    },
  }, () => server.stop());
}

main().catch(failStart);
