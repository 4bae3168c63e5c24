import { join } from 'node:path';
import type { BenchResult } from '../bench-result';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import type { OutboxCounts } from '../processes/muster-server.main';
import { openIncidentRoom } from '../slack/incident-room';
import { planOpenLoopMix } from '../slack/open-loop-mix';
import { startSlackTargets, type SlackTargets } from '../slack/slack-targets';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { runOpenLoopPhase, settle, type OpenRoom } from './open-loop-phase';
import { OPEN_LOOP_TARGETS, openLoopResult, type OpenLoopPhases, type OpenLoopPlan } from './open-loop-result';
import type { Suite, SuiteOptions } from './suite';

const ROOMS = 20;
/** Slack gives up on an answer after 3 s (and retries): later than that is a failure, not a latency. */
const TIMEOUT_MS = 3_000;

export const ackOpenLoopSqliteSuite: Suite = {
  name: 'ack-open-loop',
  summary: 'open loop at 50/200/500 requests/s of a chat mix (90% messages in 20 rooms, 10% commands and clicks): Muster (SQLite file) vs the ack-only and durable Bolt floors, p50/p99 from the scheduled time',
  run: (options) => runOpenLoopSuite('sqlite', options),
};

export const ackOpenLoopMariaDbSuite: Suite = {
  name: 'ack-open-loop-mariadb',
  summary: 'the same as ack-open-loop, with Muster and the durable floor on MariaDB at 127.0.0.1:3306',
  run: (options) => runOpenLoopSuite('mariadb', options),
};

async function runOpenLoopSuite(database: 'sqlite' | 'mariadb', options: SuiteOptions): Promise<BenchResult> {
  // Budget: both suites ≤ 4 min in a full run (they were 308 s of the 39-minute run of 2026-12-02). p99 needs
  // requests, not seconds: 300 at 50/s, 600 at 200/s, 1,000 at 500/s.
  const plan: OpenLoopPlan = options.quick
    ? { rates: [50, 200, 500], secondsByRate: { 50: 3, 200: 2, 500: 2 }, repetitions: 1, timeoutMs: TIMEOUT_MS }
    : { rates: [50, 200, 500], secondsByRate: { 50: 6, 200: 3, 500: 2 }, repetitions: 3, timeoutMs: TIMEOUT_MS };
  const { progress } = options;
  const dir = makeTempDir('open-loop');
  const scratch = database === 'mariadb' ? await ScratchDatabases.connect() : undefined;
  let targets: SlackTargets | undefined;
  try {
    const databaseUrl = scratch ? scratch.url(await scratch.create()) : `sqlite:${join(dir, 'muster.db')}`;
    const durableFloor = scratch ? { mysqlUrl: scratch.url(await scratch.create()) } : { sqliteFile: join(dir, 'durable-floor.db') };
    targets = await startSlackTargets({ dir, databaseUrl, progress, durableFloor });
    const t = targets;
    const durable = t.durable;
    if (!durable) throw new Error('the durable floor did not start');
    const speakers = t.fakeSlack.info.speakerIds;

    progress.line(`  opening ${ROOMS} incident rooms`);
    const rooms: OpenRoom[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const room = await openIncidentRoom(t, `Open loop room ${i + 1}`);
      const incidentId = await t.muster.call<string | null>('incidentIdOf', room.number);
      if (!incidentId) throw new Error(`INC-${room.number} has no id`);
      rooms.push({ ...room, incidentId });
    }
    const byTarget = { ack_only: t.bare, durable, muster: t.muster };
    const drain = () => t.muster.call<OutboxCounts>('drainOutbox', 60_000, 70_000);

    // Warm-up (not recorded): JIT, pools, pages; 3 s at 100/s on each.
    progress.line('  warm-up: 3 s at 100 requests/s on each target');
    for (const which of OPEN_LOOP_TARGETS) {
      await runOpenLoopPhase(byTarget[which], t.workspace, { rate: 100, plan: planOpenLoopMix(300, 99, ROOMS, speakers.length), rooms, speakers, timeoutMs: TIMEOUT_MS, isMuster: which === 'muster' });
    }
    await drain();

    const phases: OpenLoopPhases = {};
    const settleNotes: string[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      for (const rate of plan.rates) {
        const mix = planOpenLoopMix(rate * plan.secondsByRate[rate], rep * 1_000 + rate, ROOMS, speakers.length);
        const order = OPEN_LOOP_TARGETS.map((_, i) => OPEN_LOOP_TARGETS[(i + rep + rate) % OPEN_LOOP_TARGETS.length]);
        const line: string[] = [];
        for (const which of order) {
          const phase = await runOpenLoopPhase(byTarget[which], t.workspace, { rate, plan: mix, rooms, speakers, timeoutMs: TIMEOUT_MS, isMuster: which === 'muster' });
          (phases[`${rate}_${which}`] ??= []).push(phase);
          // Room set-up of the phase's declares finishes before the next phase, so none runs under another's backlog.
          if (which === 'muster') await drain();
          const settledMs = await settle(byTarget[which]);
          if (settledMs > 1_000) settleNotes.push(`${which} at ${rate}/s, repetition ${rep + 1}: busy ${(settledMs / 1000).toFixed(1)} s after its phase (working off requests already timed out)`);
          const o = phase.outcome;
          line.push(`${which} ${phase.p50.toFixed(1)}/${phase.p99.toFixed(1)} ms, ${phase.achievedPerSecond.toFixed(0)}/s${o.timeouts + o.errors ? `, ${o.timeouts} timeouts ${o.errors} errors` : ''}`);
        }
        progress.line(`  repetition ${rep + 1}/${plan.repetitions}, ${rate}/s (p50/p99, achieved): ${line.join('; ')}`);
      }
    }
    const outbox = await drain();
    const slackCalls = await t.fakeSlack.call<Record<string, number>>('calls');
    const floorRows = await durable.call<number>('rows');
    const label = scratch ? `MariaDB ${await scratch.version()}` : 'SQLite file (embedded default)';
    return openLoopResult(database === 'sqlite' ? ackOpenLoopSqliteSuite.name : ackOpenLoopMariaDbSuite.name, database, label, plan, phases, [
      `Durable floor rows committed in all (warm-up included): ${floorRows}. Outbox at the end: ${outbox.done} done, ${outbox.pending} pending, ${outbox.dead} dead. Fake Slack received: ${Object.entries(slackCalls).map(([m, n]) => `${m} ${n}`).join(', ')}.`,
      'Between phases each target is left to go quiet (under a tenth of a core for 200 ms, at most 20 s), so no phase runs beside another target\'s backlog.',
      ...settleNotes,
    ]);
  } finally {
    await targets?.stop();
    await scratch?.dropAll();
    removeTempDir(dir);
  }
}
