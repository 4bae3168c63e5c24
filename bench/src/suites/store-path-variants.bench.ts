import type { BenchResult } from '../bench-result';
import { runRawBatchedInserts } from '../mariadb/raw-batched-inserts';
import { runRawInserts } from '../mariadb/raw-inserts';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import { CAPTURE_VARIANTS, type CaptureVariant } from '../processes/capture-variants';
import type { DirectCaptureOutcome } from '../processes/direct-capture';
import { openIncidentRoom } from '../slack/incident-room';
import { startSlackTargets, type SlackTargets } from '../slack/slack-targets';
import { spreadMetrics } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { REDELIVER_FRACTION } from './ingestion.bench';
import { planMessages } from './ingestion-plan';
import type { Suite, SuiteOptions } from './suite';

const CONCURRENCY = 32;

/**
 * A diagnostic for the ingestion target: the store path (CaptureConversation inside the server, no
 * HTTP) as it is and as the proposed fixes would make it, each built from unchanged core and store
 * parts, against the raw-insert floor in the same run. No target of its own.
 */
export const storePathVariantsSuite: Suite = {
  name: 'store-path-variants',
  summary: 'diagnostic: store-path events/s as is, with the room lookup cached, and with parallelGroups 4, vs raw inserts (MariaDB, 32 callers)',
  run: runVariants,
  diagnostic: true,
};

async function runVariants(options: SuiteOptions): Promise<BenchResult> {
  const plan = options.quick ? { events: 2_000, repetitions: 1 } : { events: 10_000, repetitions: 3 };
  const { progress } = options;
  const db = await ScratchDatabases.connect();
  const dir = makeTempDir('variants');
  let targets: SlackTargets | undefined;
  try {
    const musterDb = await db.create();
    const rawDb = await db.create();
    targets = await startSlackTargets({ dir, databaseUrl: db.url(musterDb), progress });
    const t = targets;
    await db.query(`CREATE TABLE \`${rawDb}\`.timeline_entries LIKE \`${musterDb}\`.timeline_entries`);
    const speakers = t.fakeSlack.info.speakerIds;
    const perSecond: Record<string, number[]> = {};
    const failures: string[] = [];
    const paths = ['raw', ...CAPTURE_VARIANTS, 'raw-batched-group'] as const;
    for (let rep = 0; rep < plan.repetitions; rep++) {
      // Each path its own event ids: idempotency keys are unique across the whole table.
      const seedOf = (path: (typeof paths)[number]) => 9_000 + rep * 10 + paths.indexOf(path);
      const order = paths.map((_, i) => paths[(i + rep) % paths.length]);
      for (const path of order) {
        if (path === 'raw') {
          const raw = await runRawInserts(rawDb, planMessages(plan.events, seedOf(path), speakers), { channelId: `CVAR${seedOf(path)}`, concurrency: CONCURRENCY, deadlineMs: 120_000 });
          (perSecond.raw ??= []).push(raw.perSecond);
          continue;
        }
        if (path === 'raw-batched-group') {
          const batched = await runRawBatchedInserts(rawDb, planMessages(plan.events, seedOf(path), speakers), { channelId: `CBAT${seedOf(path)}`, concurrency: CONCURRENCY, deadlineMs: 120_000 });
          (perSecond[path] ??= []).push(batched.perSecond);
          continue;
        }
        const room = await openIncidentRoom(t, `Variant ${path} r${rep + 1}`);
        const outcome = await t.muster.call<DirectCaptureOutcome>('captureDirect', {
          teamId: t.workspace.teamId, channelId: room.channelId, speakerIds: speakers, count: plan.events, seed: seedOf(path),
          redeliverFraction: REDELIVER_FRACTION, concurrency: CONCURRENCY, deadlineMs: 120_000, variant: path satisfies CaptureVariant,
        }, 150_000);
        (perSecond[path] ??= []).push(outcome.perSecond);
        if (outcome.failed || outcome.stored !== plan.events) failures.push(`${path}, repetition ${rep + 1}: stored ${outcome.stored} of ${plan.events}, ${outcome.failed} failed${outcome.firstError ? ` (${outcome.firstError})` : ''}`);
      }
      progress.line(`  repetition ${rep + 1}/${plan.repetitions}: ${paths.map((p) => `${p} ${perSecond[p][rep].toFixed(0)}/s`).join(', ')}`);
    }
    const metrics: Record<string, number | string> = { events_per_phase: plan.events, callers: CONCURRENCY, repetitions: plan.repetitions };
    for (const path of paths) {
      Object.assign(metrics, spreadMetrics(`${path}_per_s`, perSecond[path], 0));
      if (path !== 'raw') Object.assign(metrics, spreadMetrics(`${path}_ratio_vs_raw`, perSecond[path].map((v, i) => v / perSecond.raw[i]), 3));
    }
    return {
      name: storePathVariantsSuite.name,
      metrics,
      notes: [
        `${plan.events} messages (+5% redeliveries) per path and repetition, ${CONCURRENCY} concurrent callers inside the server process, MariaDB; raw = the ingestion suite's floor (autocommit prepared single-row INSERTs from a pool of ${CONCURRENCY}).`,
        'capture = production CaptureConversation.message (per event: SELECT incident by room, SELECT its roles, then SAVEPOINT + INSERT, all in sequence on the group\'s one connection). append-cached-room = the same INSERT with the incident id looked up once. parallel-groups-4 = a second store opened with parallelGroups: 4 over the same database. raw-batched-group = the ceiling of a store that writes each group as one multi-row INSERT IGNORE (one round trip and one commit per group, one connection), from the bench process.',
        ...failures,
      ],
    };
  } finally {
    await targets?.stop();
    await db.dropAll();
    removeTempDir(dir);
  }
}
