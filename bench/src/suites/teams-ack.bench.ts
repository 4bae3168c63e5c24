import { join } from 'node:path';
import type { BenchResult } from '../bench-result';
import type { OutboxCounts, StoredMessageRow } from '../processes/muster-server.main';
import { auditStoredRows } from '../support/stored-rows-audit';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { ActivityIds } from '../teams/teams-activities';
import { planTeamsDeliveries, TEAMS_REQUEST_KINDS, type TeamsRequestKind } from '../teams/teams-ack-plan';
import { runTeamsAckPhase, type TeamsAckPhase } from '../teams/teams-ack-phase';
import { teamsAckResult, type TeamsAckPlan, type TeamsAckRun } from '../teams/teams-ack-result';
import { openTeamsIncidentRoom } from '../teams/teams-incident-room';
import { startTeamsTargets, type TeamsTargets } from '../teams/teams-targets';
import type { Suite, SuiteOptions } from './suite';

/** `bare_private_reply` is a diagnostic, for statuses only: the bare bot answering privately as Muster does. */
const TARGETS = ['bare', 'muster', 'bare_private_reply'] as const;
type TeamsTarget = (typeof TARGETS)[number];
const targetsFor = (kind: TeamsRequestKind): readonly TeamsTarget[] => (kind === 'status' ? TARGETS : ['bare', 'muster']);
type Calls = Record<string, number>;

export const teamsAckSuite: Suite = {
  name: 'teams-ack',
  summary: 'Teams message activities (a captured message in an incident room, `@Muster status`) through POST /api/messages: the whole Muster server (Teams anonymous, SQLite file) vs a bare Agents SDK bot that only acks; p50/p99 at 1 and 32 clients',
  run: runTeamsAck,
};

async function runTeamsAck(options: SuiteOptions): Promise<BenchResult> {
  const plan: TeamsAckPlan = options.quick
    ? { requests: 200, repetitions: 2, warmup: 50, concurrencies: [1, 32], deadlineMs: 60_000 }
    // 3 repetitions (was 5), to keep `npm run bench` under 25 min (the full run of 2026-12-02 took 39 min).
    : { requests: 1_000, repetitions: 3, warmup: 200, concurrencies: [1, 32], deadlineMs: 120_000 };
  const { progress } = options;
  const dir = makeTempDir('teams-ack');
  let targets: TeamsTargets | undefined;
  try {
    targets = await startTeamsTargets({ dir, databaseUrl: `sqlite:${join(dir, 'muster.db')}`, progress });
    const t = targets;
    const people = t.connector.info;
    const ids = new ActivityIds();
    const calls = () => t.connector.call<Calls>('calls');
    const urls: Record<TeamsTarget, string> = { bare: t.bare.info.url, muster: t.muster.info.teamsUrl, bare_private_reply: t.bare.info.privateReplyUrl };
    const phase = (which: TeamsTarget, deliveries: ReturnType<typeof planTeamsDeliveries>, concurrency: number, tag: string) =>
      runTeamsAckPhase(which === 'muster' ? t.muster : t.bare, urls[which], deliveries, {
        concurrency, deadlineMs: plan.deadlineMs, tag, loopDelay: which === 'muster', onProgress: progress.ticker(tag, deliveries.length),
      });

    // Warm-up (not recorded): JIT, the SDK's and the store's first paths, SQLite's pages.
    progress.line(`  warm-up: ${plan.warmup} captures and ${plan.warmup} statuses on each target`);
    const warm = await openTeamsIncidentRoom(t, 'Teams ack warm-up');
    for (const kind of TEAMS_REQUEST_KINDS) {
      const deliveries = planTeamsDeliveries(kind, warm.room, people, plan.warmup, 999, ids);
      for (const which of targetsFor(kind)) await phase(which, deliveries, 8, `warm-up ${kind} ${which}`);
    }

    const runs: TeamsAckRun[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      for (const concurrency of plan.concurrencies) {
        const { room } = await openTeamsIncidentRoom(t, `Teams ack r${rep + 1} c${concurrency}`);
        // Rotate which kind and which target go first, so a drift in the machine's load favours none.
        const kinds = TEAMS_REQUEST_KINDS.map((_, i, all) => all[(i + rep) % all.length]);
        for (const kind of kinds) {
          const deliveries = planTeamsDeliveries(kind, room, people, plan.requests, rep * 100 + concurrency, ids);
          const got: Partial<Record<TeamsTarget, { phase: TeamsAckPhase; calls: Calls }>> = {};
          for (const which of targetsFor(kind).map((_, i, all) => all[(i + rep + concurrency) % all.length])) {
            const before = await calls();
            const measured = await phase(which, deliveries, concurrency, `r${rep + 1} c${concurrency} ${kind} ${which}`);
            got[which] = { phase: measured, calls: delta(before, await calls()) };
          }
          const muster = got.muster!;
          const audit = kind === 'capture'
            ? auditStoredRows(await t.muster.call<StoredMessageRow[]>('timelineRows', { platform: 'teams', conversationId: room.conversationId }), muster.phase.ackedKeys)
            : undefined;
          runs.push({
            rep, concurrency, kind, deliveries: deliveries.length, distinct: new Set(deliveries.map((d) => d.key)).size,
            bare: got.bare!.phase, muster: muster.phase, bareConnectorCalls: got.bare!.calls, musterConnectorCalls: muster.calls,
            ...(got.bare_private_reply ? { barePrivateReply: got.bare_private_reply.phase, barePrivateReplyConnectorCalls: got.bare_private_reply.calls } : {}),
            ...(audit ? { audit } : {}),
          });
          progress.line(`  repetition ${rep + 1}/${plan.repetitions}, ${concurrency} client(s), ${describeKind(kind)}: p50/p99 bare ${got.bare!.phase.p50.toFixed(2)}/${got.bare!.phase.p99.toFixed(2)} ms, muster ${muster.phase.p50.toFixed(2)}/${muster.phase.p99.toFixed(2)} ms, p99 ratio ${(muster.phase.p99 / got.bare!.phase.p99).toFixed(2)}${got.bare_private_reply ? `; bare answering privately ${got.bare_private_reply.phase.p50.toFixed(2)}/${got.bare_private_reply.phase.p99.toFixed(2)} ms` : ''}${audit ? `; stored ${audit.rows}, lost ${audit.lost}, duplicates ${audit.duplicates}` : ''}`);
        }
      }
    }
    const outbox = await t.muster.call<OutboxCounts>('drainOutbox', 60_000, 70_000);
    return teamsAckResult(teamsAckSuite.name, plan, runs, { outbox, connectorCalls: await calls() });
  } finally {
    await targets?.stop();
    removeTempDir(dir);
  }
}

const describeKind = (kind: TeamsRequestKind): string => (kind === 'capture' ? 'captured message' : '@Muster status');

function delta(before: Calls, after: Calls): Calls {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]).filter(([, n]) => n !== 0));
}
