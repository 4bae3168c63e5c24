import { join } from 'node:path';
import type { BenchResult } from '../bench-result';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import type { ProfileSummary } from '../processes/cpu-profile-summary';
import type { OutboxCounts } from '../processes/muster-server.main';
import { openIncidentRoom } from '../slack/incident-room';
import { startSlackTargets, type SlackTargets } from '../slack/slack-targets';
import { spreadMetrics } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { runAckPhase } from './ack-phase';
import { deliverEvents } from './ingestion-http-phase';
import { planDeliveries, planMessages } from './ingestion-plan';
import type { Suite, SuiteOptions } from './suite';

/**
 * Where the Muster server's CPU goes under the two Slack loads (a diagnostic for missed targets, no
 * target of its own): V8 CPU profiles of the server process during 32-client declare phases (SQLite,
 * outbox running) and 32-client message ingestion (MariaDB), each profiled phase separately.
 */
export const serverProfileSuite: Suite = {
  name: 'server-profile',
  summary: 'diagnostic: share of the Muster server\'s CPU by layer and package during declare (SQLite) and ingestion (MariaDB) at 32 clients',
  run: runServerProfile,
  diagnostic: true,
};

async function runServerProfile(options: SuiteOptions): Promise<BenchResult> {
  const plan = options.quick ? { declarations: 300, events: 2_000, repetitions: 1 } : { declarations: 1_000, events: 10_000, repetitions: 3 };
  const { progress } = options;
  const declare: ProfileSummary[] = [];
  const ingest: ProfileSummary[] = [];

  await withTargets('sqlite', async (t) => {
    await runAckPhase(t.muster, t.workspace, { concurrency: 8, requests: 100, deadlineMs: 60_000, tag: 'warm-up', expectDeclared: true });
    for (let rep = 0; rep < plan.repetitions; rep++) {
      await t.muster.call<OutboxCounts>('drainOutbox', 120_000, 130_000);
      await t.muster.call('startProfile');
      await runAckPhase(t.muster, t.workspace, { concurrency: 32, requests: plan.declarations, deadlineMs: 120_000, tag: `profile${rep}`, expectDeclared: true });
      declare.push(await t.muster.call<ProfileSummary>('stopProfile'));
      progress.line(`  declare profile ${rep + 1}/${plan.repetitions}: ${describe(declare[rep])}`);
    }
  }, progress);

  await withTargets('mariadb', async (t) => {
    for (let rep = 0; rep < plan.repetitions; rep++) {
      const room = await openIncidentRoom(t, `Profile r${rep + 1}`);
      const deliveries = planDeliveries(planMessages(plan.events, 7_000 + rep, t.fakeSlack.info.speakerIds), 0.05, 7_000 + rep);
      if (rep === 0) await deliverEvents(t.muster.info.url, t.workspace, room.channelId, deliveries.slice(0, 1_000), { concurrency: 32, deadlineMs: 60_000 });
      await t.muster.call('startProfile');
      await deliverEvents(t.muster.info.url, t.workspace, room.channelId, rep === 0 ? deliveries.slice(1_000) : deliveries, { concurrency: 32, deadlineMs: 180_000 });
      ingest.push(await t.muster.call<ProfileSummary>('stopProfile'));
      progress.line(`  ingestion profile ${rep + 1}/${plan.repetitions}: ${describe(ingest[rep])}`);
    }
  }, progress);

  const metrics: Record<string, number | string> = { repetitions: plan.repetitions };
  addShares(metrics, 'declare', declare, plan.declarations);
  addShares(metrics, 'ingest', ingest, plan.events);
  return {
    name: serverProfileSuite.name,
    metrics,
    notes: [
      `declare: ${plan.declarations} \`/incident declare\` at 32 clients, SQLite, outbox pump running; ingest: ${plan.events} message events (+5% redeliveries) at 32 clients, MariaDB. Each profiled phase separately (V8 sampling every 250 µs, through the inspector), ${plan.repetitions} times; shares are of the server's busy (non-idle) CPU time, self time only.`,
      'Layers: "HTTP + Bolt transport" = node http/net/streams, @slack/bolt and its helpers, @muster/slack and @muster/server; "store + database driver" = @muster/store, typeorm, mysql2/better-sqlite3; "core" = @muster/core + inversify.',
      `Hottest functions, declare: ${declare[0]?.topFunctions.slice(0, 8).map(([f, pct]) => `${f} ${pct}%`).join('; ')}.`,
      `Hottest functions, ingest: ${ingest[0]?.topFunctions.slice(0, 8).map(([f, pct]) => `${f} ${pct}%`).join('; ')}.`,
    ],
  };
}

async function withTargets(database: 'sqlite' | 'mariadb', work: (t: SlackTargets) => Promise<void>, progress: SuiteOptions['progress']): Promise<void> {
  const dir = makeTempDir('profile');
  const db = database === 'mariadb' ? await ScratchDatabases.connect() : undefined;
  let targets: SlackTargets | undefined;
  try {
    const databaseUrl = db ? db.url(await db.create()) : `sqlite:${join(dir, 'muster.db')}`;
    targets = await startSlackTargets({ dir, databaseUrl, progress });
    await work(targets);
  } finally {
    await targets?.stop();
    await db?.dropAll();
    removeTempDir(dir);
  }
}

function addShares(metrics: Record<string, number | string>, workload: string, profiles: readonly ProfileSummary[], requests: number): void {
  Object.assign(metrics, spreadMetrics(`${workload}_server_busy_cpu_ms_per_request`, profiles.map((p) => p.busyMs / requests), 3));
  for (const kind of ['layers', 'packages'] as const) {
    const names = [...new Set(profiles.flatMap((p) => p[kind].map(([name]) => name)))];
    const rows = names.map((name) => [name, profiles.map((p) => p[kind].find(([n]) => n === name)?.[1] ?? 0)] as const)
      .sort((a, b) => b[1][0] - a[1][0]).slice(0, kind === 'layers' ? 10 : 8);
    for (const [name, values] of rows) Object.assign(metrics, spreadMetrics(`${workload} ${kind === 'layers' ? 'layer' : 'package'} % ${name}`, values, 1));
  }
}

const describe = (p: ProfileSummary) => `${p.busyMs.toFixed(0)} ms busy of ${p.wallMs.toFixed(0)} ms; ${p.layers.slice(0, 4).map(([l, pct]) => `${l} ${pct}%`).join(', ')}`;
