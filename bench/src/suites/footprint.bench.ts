import { join } from 'node:path';
import type { BenchResult } from '../bench-result';
import { openDirectSql, routeStatements, type DirectSql } from '../footprint/direct-sql';
import { freePort, GetClient } from '../footprint/get-client';
import { seedFootprint, type Seeded } from '../footprint/seed';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import { BenchChild } from '../processes/bench-child';
import type { CatchUpFigures, FootprintServerSettings } from '../processes/footprint-server.main';
import type { MemoryReading } from '../processes/memory-reading';
import { realisticReply, startFakeOpenAi, type FakeOpenAiLike } from '../summarizer-tokens.bench';
import { percentile, round, spreadMetrics, median } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import type { Progress } from '../support/progress';
import type { Suite, SuiteOptions } from './suite';

const P99_TARGET_MS = 50;
const IDLE_RSS_TARGET_MB = 120;
const START_TARGET_MS = 2_000;
/** RSS is read this long after ready: the start-up's own transient. */
const EARLY_RSS_MS = 3_000;
/**
 * Idle is read once V8's memory reducer has given back the young generation the start-up grew (new
 * space down to SETTLED_NEW_SPACE_MB), looked at every second from SETTLE_FROM_MS, at most until
 * SETTLE_UNTIL_MS after ready: seen here between 10 and 30 s.
 */
const SETTLE_FROM_MS = 10_000;
const SETTLE_UNTIL_MS = 60_000;
const SETTLED_NEW_SPACE_MB = 2;

interface Plan {
  readonly incidents: number;
  readonly entries: number;
  readonly bigIncidentEntries: number;
  readonly starts: number;
  readonly rounds: number;
  readonly requestsPerRound: number;
}

const FULL: Plan = { incidents: 10_000, entries: 1_000_000, bigIncidentEntries: 10_000, starts: 3, rounds: 3, requestsPerRound: 200 };
const QUICK: Plan = { incidents: 2_000, entries: 100_000, bigIncidentEntries: 10_000, starts: 1, rounds: 1, requestsPerRound: 50 };

type Route = { readonly name: string; readonly path: (i: number) => string; readonly floor: (i: number) => readonly (readonly [string, readonly unknown[]])[]; readonly cookie?: boolean };

/**
 * Issue 14 item 4 (brief b-footprint): a real Muster server on 10,000 incidents and 1,000,000
 * timeline entries; idle RSS, start to /readyz, p99 of the REST list / incident / timeline reads and
 * the dashboard's list, against the same SQL run directly through the driver, and one catch-up.
 */
async function runFootprint(database: 'sqlite' | 'mariadb', options: SuiteOptions): Promise<BenchResult> {
  const plan = options.quick ? QUICK : FULL;
  const { progress } = options;
  const dir = makeTempDir(`footprint-${database}`);
  const scratch = database === 'mariadb' ? await ScratchDatabases.connect() : undefined;
  let llm: FakeOpenAiLike | undefined;
  let server: BenchChild<{ url: string }> | undefined;
  let direct: DirectSql | undefined;
  try {
    const url = scratch ? scratch.url(await scratch.create()) : `sqlite:${join(dir, 'muster.db')}`;
    progress.line(`  seeding ${plan.incidents} incidents and ${plan.entries} timeline entries (${database})`);
    const seeded = await seedFootprint(url, plan, progress);
    progress.line(`  seeded in ${round(seeded.seconds, 1)} s`);
    llm = await startFakeOpenAi();
    llm.reply(realisticReply);
    const env = {
      MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: url,
      SLACK_SIGNING_SECRET: 'footprint-signing-secret', SLACK_BOT_TOKEN: 'xoxb-footprint', SLACK_API_URL: 'http://127.0.0.1:9/api/',
      OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: llm.apiKey ?? 'sk-footprint',
    };

    // Each start is timed alone (the others idle: the pump's ticks only), then all of them are left
    // alone until they have settled (see SETTLE_FROM_MS): RSS at 3 s still holds the young generation
    // the start-up grew, which V8's memory reducer gives back once the process has been idle a while.
    const startMs: number[] = [];
    const earlyRss: number[] = [];
    const idleRss: number[] = [];
    const settledAfter: number[] = [];
    const running: { child: BenchChild<{ url: string }>; readyAt: number }[] = [];
    let floors: Promise<{ early: number[]; idle: number[] }> | undefined;
    try {
      for (let s = 0; s < plan.starts; s++) {
        const started = await startServer(dir, env, progress);
        running.push(started);
        startMs.push(started.readyMs);
        await sleepUntil(started.readyAt + EARLY_RSS_MS);
        earlyRss.push((await started.child.call<{ rssMb: number }>('memory')).rssMb);
      }
      // The floor's processes settle beside the servers (both sides only idle meanwhile).
      floors = modulesOnlyRss(dir, plan.starts);
      for (const { child, readyAt } of running) {
        const idle = await settled(child, readyAt);
        idleRss.push(idle.rssMb);
        settledAfter.push(idle.afterS);
      }
    } finally {
      server = running.pop()?.child;
      for (const { child } of running) await child.stop();
    }
    const modulesOnly = await floors!;
    progress.line(`  started in ${startMs.map((m) => round(m, 0)).join(', ')} ms; RSS ${earlyRss.join(', ')} MB 3 s after, ${idleRss.join(', ')} MB idle`);

    const creds = await server!.call<{ apiToken: string; sessionToken: string }>('credentials');
    const api = new GetClient(server!.info.url, { authorization: `Bearer ${creds.apiToken}` });
    const web = new GetClient(server!.info.url, { cookie: `muster_session=${creds.sessionToken}` });
    direct = await openDirectSql(url);
    const sql = routeStatements(database === 'sqlite', seeded.bigIncidentId);
    const pick = (i: number) => 1 + ((i * 7919) % plan.incidents);
    const page = (i: number) => (i * 97) % Math.max(1, plan.bigIncidentEntries - 100);
    const routes: Route[] = [
      { name: 'rest_list', path: () => '/api/v1/incidents?limit=50', floor: () => sql.list() },
      { name: 'rest_list_filtered', path: () => '/api/v1/incidents?limit=50&status=investigating&severity=SEV1', floor: () => sql.listFiltered() },
      { name: 'rest_list_search', path: () => '/api/v1/incidents?limit=50&q=payments', floor: () => sql.search() },
      { name: 'rest_incident', path: (i) => `/api/v1/incidents/INC-${pick(i)}`, floor: (i) => sql.incident(pick(i)) },
      { name: 'rest_timeline_page', path: (i) => `/api/v1/incidents/INC-1/timeline?limit=100&after=${page(i)}`, floor: (i) => sql.timeline(page(i)) },
      { name: 'dashboard_list', path: () => '/', floor: () => sql.list(), cookie: true },
    ];
    const metrics: Record<string, number | string> = {
      database: database === 'sqlite' ? 'SQLite (file, WAL)' : `MariaDB ${await scratch!.version()}`,
      incidents: seeded.incidents, timeline_entries: seeded.entries, big_incident_entries: plan.bigIncidentEntries,
      seed_seconds: round(seeded.seconds, 1), starts: plan.starts, rounds: plan.rounds, requests_per_round: plan.requestsPerRound,
      ...spreadMetrics('start_to_readyz_ms', startMs, 0),
      ...spreadMetrics('idle_rss_mb', idleRss, 1),
      ...spreadMetrics('idle_settled_after_s', settledAfter, 0),
      ...spreadMetrics('rss_3s_after_ready_mb', earlyRss, 1),
      ...spreadMetrics('idle_rss_mb_floor_modules_only', modulesOnly.idle, 1),
      ...spreadMetrics('rss_3s_after_ready_mb_floor_modules_only', modulesOnly.early, 1),
      idle_rss_mb_beyond_modules: round(median(idleRss) - median(modulesOnly.idle), 1),
    };
    const targets: { metric: string; target: string; actual: number; met: boolean }[] = [
      { metric: 'idle_rss_mb', target: `<= ${IDLE_RSS_TARGET_MB} MB`, actual: round(median(idleRss), 1), met: median(idleRss) <= IDLE_RSS_TARGET_MB },
      { metric: 'start_to_readyz_ms', target: `<= ${START_TARGET_MS} ms`, actual: round(median(startMs), 0), met: median(startMs) <= START_TARGET_MS },
    ];
    for (const route of routes) {
      const client = route.cookie ? web : api;
      const first = await client.get(route.path(0));
      if (first.status !== 200) throw new Error(`${route.name}: GET ${route.path(0)} answered ${first.status}: ${first.body.slice(0, 300)}`);
      const muster: number[] = [];
      const floor: number[] = [];
      const ratio: number[] = [];
      for (let r = 0; r < plan.rounds; r++) {
        // Both sides back to back, the order alternating between rounds.
        const m = async () => p99Of(plan.requestsPerRound, async (i) => (await client.get(route.path(i))).ms);
        const f = async () => p99Of(plan.requestsPerRound, async (i) => timed(() => direct!.run(route.floor(i))));
        let mp: number;
        let fp: number;
        if (r % 2) {
          mp = await m();
          fp = await f();
        } else {
          fp = await f();
          mp = await m();
        }
        muster.push(mp);
        floor.push(fp);
        ratio.push(mp / fp);
      }
      Object.assign(metrics, spreadMetrics(`${route.name}_p99_ms_muster`, muster), spreadMetrics(`${route.name}_p99_ms_direct_sql`, floor, 3), spreadMetrics(`${route.name}_p99_ratio_vs_direct_sql`, ratio, 1));
      targets.push({ metric: `${route.name}_p99_ms_muster`, target: `<= ${P99_TARGET_MS} ms`, actual: round(median(muster), 2), met: median(muster) <= P99_TARGET_MS });
      progress.line(`  ${route.name}: p99 ${muster.map((v) => round(v, 1)).join(', ')} ms (direct SQL ${floor.map((v) => round(v, 2)).join(', ')} ms)`);
    }
    metrics.rss_after_queries_mb = (await server!.call<{ rssMb: number }>('memory')).rssMb;
    api.close();
    web.close();

    // One catch-up with nothing carried (the first), then one after 100 new messages (incremental).
    const first = await server!.call<CatchUpFigures>('catchUp', 1, 300_000);
    await server!.call('append', { number: 1, count: 100 });
    const second = await server!.call<CatchUpFigures>('catchUp', 1, 300_000);
    for (const [label, f] of [['first', first], ['incremental', second]] as const) {
      Object.assign(metrics, {
        [`catch_up_${label}_ms`]: f.ms, [`catch_up_${label}_rows_read`]: f.rowsRead, [`catch_up_${label}_largest_read_rows`]: f.largestRead,
        [`catch_up_${label}_reads`]: f.reads, [`catch_up_${label}_rss_growth_mb`]: round(f.rssAfterMb - f.rssBeforeMb, 1),
        [`catch_up_${label}_heap_peak_growth_mb`]: f.heapPeakGrowthMb, [`catch_up_${label}_produced_by`]: f.producedBy,
      });
    }
    targets.push({ metric: 'catch_up_incremental_largest_read_rows', target: '<= 500 (paged)', actual: second.largestRead, met: second.largestRead <= 500 && first.largestRead <= 500 });
    metrics.rss_after_catch_ups_mb = (await server!.call<{ rssMb: number }>('memory')).rssMb;

    return {
      name: database === 'sqlite' ? 'footprint' : 'footprint-mariadb',
      metrics,
      targets,
      notes: notesFor(plan, seeded),
    };
  } finally {
    await server?.stop();
    await direct?.close();
    await llm?.close();
    await scratch?.dropAll();
    removeTempDir(dir);
  }
}

async function startServer(dir: string, env: Record<string, string>, progress: Progress): Promise<{ child: BenchChild<{ url: string }>; readyMs: number; readyAt: number }> {
  const port = await freePort();
  const settings: FootprintServerSettings = { dir, env: { ...env, MUSTER_PORT: String(port) } };
  const t0 = performance.now();
  const probe = pollReady(`http://127.0.0.1:${port}/readyz`);
  const child = await BenchChild.start<{ url: string }>({ script: 'footprint-server.main.js', label: 'the Muster server (footprint)', settings, logFile: join(dir, 'footprint-server.log'), readyTimeoutMs: 120_000 });
  const readyAt = await probe;
  progress.line(`  server up on ${child.info.url}`);
  return { child, readyMs: readyAt - t0, readyAt };
}

/** RSS of bare Node processes with the server's packages loaded and nothing started, at the same moments as the server's. */
async function modulesOnlyRss(dir: string, times: number): Promise<{ early: number[]; idle: number[] }> {
  const early: number[] = [];
  const idle: number[] = [];
  const running: { child: BenchChild<Record<string, never>>; upAt: number }[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const child = await BenchChild.start<Record<string, never>>({ script: 'modules-only.main.js', label: 'the modules-only floor', settings: {}, logFile: join(dir, 'modules-only.log') });
      running.push({ child, upAt: performance.now() });
    }
    for (const { child, upAt } of running) {
      await sleepUntil(upAt + EARLY_RSS_MS);
      early.push((await child.call<{ rssMb: number }>('memory')).rssMb);
    }
    for (const { child, upAt } of running) idle.push((await settled(child, upAt)).rssMb);
  } finally {
    for (const { child } of running) await child.stop();
  }
  return { early, idle };
}

/** RSS once the process's young generation has shrunk back (or at SETTLE_UNTIL_MS), and when that was. */
async function settled(child: BenchChild<unknown>, since: number): Promise<{ rssMb: number; afterS: number }> {
  for (let at = since + SETTLE_FROM_MS; ; at += 1_000) {
    await sleepUntil(at);
    const reading = await child.call<MemoryReading>('memory');
    // When it was read, not when the look was due: a process started earlier is looked at late.
    if (reading.newSpaceMb <= SETTLED_NEW_SPACE_MB || at >= since + SETTLE_UNTIL_MS) return { rssMb: reading.rssMb, afterS: round((performance.now() - since) / 1000, 0) };
  }
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** The first moment /readyz answers 200 (polled every 10 ms), as an orchestrator's probe would see it. */
async function pollReady(url: string): Promise<number> {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} did not answer 200 within 120 s`);
}

async function p99Of(count: number, one: (i: number) => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await one(i));
  return percentile(samples, 99);
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function notesFor(plan: Plan, seeded: Seeded): string[] {
  return [
    `Seed: \`muster migrate\` (the store's own migrations), one incident and one entry of each kind written by the store's repositories as templates, then ${seeded.incidents} incidents (10% open, a quarter SEV1) and ${seeded.entries} timeline entries (INC-1 has ${plan.bigIncidentEntries}, the others share the rest evenly; mostly chat, a note every 10th, a status change every 50th) copied in 500-row INSERTs straight into the tables.`,
    `Server: \`startServer\` as \`muster start\` runs it, in its own process (NODE_ENV=production), Slack configured (an unreachable API: nothing is posted at idle), the console off, the LLM at the fake OpenAI server. Start = fork to the first 200 from /readyz (polled every 10 ms), so it includes Node's own start and module loading. Idle RSS = process.memoryUsage().rss with no request since ready (the pump and timers ticking), read once V8's memory reducer has given back the young generation the start-up grew (new space at most ${SETTLED_NEW_SPACE_MB} MB, looked at every second from ${SETTLE_FROM_MS / 1000} s, at most until ${SETTLE_UNTIL_MS / 1000} s: \`idle_settled_after_s\`); \`rss_3s_after_ready_mb\` is the same 3 s after ready, before it has (the figure earlier runs reported as idle). Each start is timed alone, the earlier servers idling meanwhile. Floor (context: the target is absolute) = a bare Node process that only requires @muster/server (every package the server loads), read at the same moments.`,
    `Queries: ${plan.rounds} rounds × ${plan.requestsPerRound} sequential GETs per route over one keep-alive socket; p99 per round (nearest rank), then median and min–max over rounds. REST with a bearer token the store issued; the dashboard's / with a session cookie the store made (as sign-in would). Direct SQL floor: the SELECTs the store sends for that route (incidents page + roles; incident by number + roles; timeline page) run through better-sqlite3 / mysql2 in the driver, back to back with Muster, order alternating.`,
    'Catch-up: IncidentSummaries.summarize(INC-1, catch_up) in the server process (what the summary job runs), the OpenAI summarizer against the fake server; rows read = rows the timeline repository returned to it, counted per call; first = no rolling facts yet, incremental = after 100 new messages. RSS/heap growth = after − before (heap peak sampled every 5 ms).',
    `Targets (issue 14): idle RSS <= ${IDLE_RSS_TARGET_MB} MB, start <= ${START_TARGET_MS / 1000} s, list and incident p99 <= ${P99_TARGET_MS} ms: absolute, as the issue gives them; the direct-SQL ratio is context. No read of a whole timeline: every read the catch-up makes is a page of at most 500.`,
  ];
}

export const footprintSuite: Suite = {
  name: 'footprint',
  summary: 'idle RSS, start to /readyz, p99 of REST list/incident/timeline and the dashboard list, one catch-up, on 10,000 incidents and 1,000,000 entries (SQLite)',
  run: (options) => runFootprint('sqlite', options),
};

export const footprintMariaDbSuite: Suite = {
  name: 'footprint-mariadb',
  summary: 'the same on MariaDB',
  run: (options) => runFootprint('mariadb', options),
};
