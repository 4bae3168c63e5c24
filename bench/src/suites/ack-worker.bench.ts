import { createConnection } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BenchResult } from '../bench-result';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import { BenchChild } from '../processes/bench-child';
import type { BareBoltSettings } from '../processes/bare-bolt.main';
import type { FakeSlackInfo } from '../processes/fake-slack.main';
import type { MusterServerSettings } from '../processes/muster-server.main';
import type { BenchWorkspace } from '../slack/slack-payloads';
import { SIGNING_SECRET } from '../slack/slack-targets';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { runAckPhase, type AckPhase } from './ack-phase';
import { SuiteCannotRun, type Suite, type SuiteOptions } from './suite';

const REDIS = { host: '127.0.0.1', port: 6379 };
const CONCURRENCIES = [1, 32] as const;
/** embedded: the outbox in the server's process, as ack-latency-mariadb; split: `muster start --no-worker` + `muster worker`. */
const TARGETS = ['bare', 'embedded', 'split'] as const;
type Target = (typeof TARGETS)[number];
const RATIO_TARGET = 1.25;

export const ackWorkerSuite: Suite = {
  name: 'ack-latency-worker',
  summary: 'issue 14 item 1 with Redis: declare acks with room set-up in another process (muster start --no-worker + muster worker, MariaDB) vs the outbox in the server, vs a bare Bolt app',
  run: (options) => runAckWorker(options),
};

type Url = { readonly url: string };

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(REDIS, () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
    socket.setTimeout(2_000, () => { socket.destroy(); resolve(false); });
  });
}

async function runAckWorker(options: SuiteOptions): Promise<BenchResult> {
  if (!(await redisReachable())) throw new SuiteCannotRun(`Redis at ${REDIS.host}:${REDIS.port} is not reachable; this suite runs \`muster worker\` beside the server. Start it, or leave this suite out.`);
  const plan = options.quick ? { requests: 150, repetitions: 2, deadlineMs: 60_000 } : { requests: 300, repetitions: 3, deadlineMs: 120_000 } /* was 600: 278 s of the 39-minute run of 2026-12-02 */;
  const { progress } = options;
  const dir = makeTempDir('ack-worker');
  const scratch = await ScratchDatabases.connect();
  const children: BenchChild<unknown>[] = [];
  const start = async <T>(script: string, label: string, settings: unknown, log: string, nodeEnv?: string) => {
    const child = await BenchChild.start<T>({ script, label, settings, logFile: join(dir, log), ...(nodeEnv ? { nodeEnv } : {}) });
    children.push(child);
    return child;
  };
  try {
    const fake = await start<FakeSlackInfo>('fake-slack.main.js', 'the fake Slack Web API', {}, 'fake-slack.log');
    const slack = fake.info;
    const musterYaml = `announcementChannels: [{ platform: slack, workspaceId: ${slack.teamId}, conversationId: ${slack.announcementsChannelId} }]\n`;
    const env = (database: string, extra: Record<string, string> = {}) => ({
      MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: scratch.url(database),
      SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url, ...extra,
    });
    const at = (name: string) => { const d = join(dir, name); mkdirSync(d, { recursive: true }); return d; };
    progress.line('  starting the bare Bolt app, Muster with its outbox in-process, and Muster --no-worker beside a `muster worker` (MariaDB, Redis)');
    const bare = await start<Url>('bare-bolt.main.js', 'the bare Bolt app', { signingSecret: SIGNING_SECRET, botToken: slack.botToken, slackApiUrl: slack.url } satisfies BareBoltSettings, 'bare-bolt.log');
    const embedded = await start<Url>('muster-server.main.js', 'Muster (outbox in-process)', { dir: at('embedded'), env: env(await scratch.create()), musterYaml } satisfies MusterServerSettings, 'embedded.log');
    // One Redis serves every helper on this machine: a prefix of this run's own keeps the queues apart.
    const queues = { REDIS_URL: `redis://${REDIS.host}:${REDIS.port}`, MUSTER_REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}` };
    const splitDb = await scratch.create();
    const split = await start<Url>('muster-server.main.js', 'Muster --no-worker', { dir: at('split'), env: env(splitDb, { ...queues, MUSTER_WORK_QUEUES: 'off' }), musterYaml } satisfies MusterServerSettings, 'split.log');
    const worker = await start<Url>('muster-server.main.js', 'muster worker', { dir: at('worker'), env: env(splitDb, queues), musterYaml, role: 'worker' } satisfies MusterServerSettings, 'worker.log');
    const workspace: BenchWorkspace = {
      teamId: slack.teamId, botUserId: slack.botUserId, userId: slack.userId, userName: slack.userName,
      channelId: slack.generalChannelId, channelName: 'general', responseUrl: slack.responseUrl,
    };
    const child = (which: Target) => (which === 'bare' ? bare : which === 'embedded' ? embedded : split);
    /** The worker does the split server's set-up: drained when its outbox rows are all done. */
    // Timers set for later (each incident's update reminder, an hour on) stay pending: only rows due now count.
    const drain = async (which: Target) => {
      if (which === 'bare') return;
      const until = Date.now() + 120_000;
      const owner = which === 'embedded' ? embedded : worker;
      while (Date.now() < until && (await owner.call<{ due: number }>('outboxDue', 0)).due > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    };
    progress.line('  warm-up: 100 declarations on each target');
    for (const which of TARGETS) {
      await runAckPhase(child(which), workspace, { concurrency: 8, requests: 100, deadlineMs: plan.deadlineMs, tag: `warm-${which}`, expectDeclared: which !== 'bare' });
      await drain(which);
    }
    const phases: Record<string, AckPhase[]> = {};
    const workerCpu: number[] = [];
    const notes: string[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      for (const c of CONCURRENCIES) {
        for (const which of TARGETS.map((_, i) => TARGETS[(i + rep) % TARGETS.length]!)) {
          const cpuBefore = which === 'split' ? await worker.call<NodeJS.CpuUsage>('cpu') : undefined;
          const phase = await runAckPhase(child(which), workspace, {
            concurrency: c, requests: plan.requests, deadlineMs: plan.deadlineMs, tag: `r${rep}c${c}${which}`, expectDeclared: which !== 'bare',
            onProgress: progress.ticker(`${which} c=${c}`, plan.requests),
          });
          if (cpuBefore) {
            const after = await worker.call<NodeJS.CpuUsage>('cpu');
            workerCpu.push((after.user + after.system - cpuBefore.user - cpuBefore.system) / 1000 / plan.requests);
          }
          if (phase.outcome.latencies.length < plan.requests) notes.push(`${which} at ${c}, repetition ${rep + 1}: ${phase.outcome.latencies.length} of ${plan.requests} answered 200.`);
          (phases[`c${c}_${which}`] ??= []).push(phase);
          await drain(which);
        }
        const [b, e, s] = TARGETS.map((t) => phases[`c${c}_${t}`]!.at(-1)!);
        progress.line(`  repetition ${rep + 1}/${plan.repetitions}, ${c} client(s): p99 bare ${b!.p99.toFixed(2)} ms, outbox in-process ${e!.p99.toFixed(2)} ms, --no-worker + worker ${s!.p99.toFixed(2)} ms`);
      }
    }
    const metrics: Record<string, number | string> = { database: `MariaDB ${await scratch.version()}`, requests_per_phase: plan.requests, repetitions: plan.repetitions };
    const targets: NonNullable<BenchResult['targets']>[number][] = [];
    for (const c of CONCURRENCIES) {
      const bare = phases[`c${c}_bare`]!;
      for (const which of TARGETS) {
        const got = phases[`c${c}_${which}`]!;
        Object.assign(metrics, spreadMetrics(`c${c}_p50_ms_${which}`, got.map((p) => p.p50)), spreadMetrics(`c${c}_p99_ms_${which}`, got.map((p) => p.p99)),
          spreadMetrics(`c${c}_server_cpu_ms_per_request_${which}`, got.map((p) => p.cpuMsPerRequest), 3));
        if (which === 'bare') continue;
        const ratios = got.map((p, i) => p.p99 / bare[i]!.p99);
        Object.assign(metrics, spreadMetrics(`c${c}_p99_ratio_${which}`, ratios), spreadMetrics(`c${c}_event_loop_delay_p99_ms_${which}`, got.map((p) => p.loopDelay?.p99 ?? Number.NaN), 1));
        const median = spreadOf(ratios).median;
        targets.push({ metric: `c${c}_p99_ratio_${which}`, target: `<= ${RATIO_TARGET}`, actual: round(median, 2), met: median <= RATIO_TARGET });
      }
    }
    Object.assign(metrics, spreadMetrics('worker_cpu_ms_per_declaration', workerCpu, 3));
    return {
      name: ackWorkerSuite.name,
      metrics,
      targets,
      notes: [
        `Each phase: ${plan.requests} signed \`/incident declare\` POSTs to /slack/events, closed loop at 1 and 32 clients, ${plan.repetitions} repetitions, the order of the three targets rotating; ratios per repetition against the bare Bolt app's p99, then the median.`,
        'embedded: Muster with its outbox pump in the server process (as ack-latency-mariadb). split: the same server with REDIS_URL and MUSTER_WORK_QUEUES=off (what `muster start --no-worker` sets): it commits, acks and relays each outbox row to Redis, while a `muster worker` process (the server\'s container with role worker, the same database) does room set-up against the fake Slack Web API (own process, no delay). Each Muster has its own scratch database; the worker\'s CPU per declaration is its own process.cpuUsage over the split phases.',
        'After each phase the set-up is let finish (the embedded server drains; for split, until the worker has done every row), so no phase runs under another\'s backlog.',
        ...notes,
      ],
    };
  } finally {
    await Promise.all(children.splice(0).map((c) => c.stop()));
    await scratch.dropAll();
    removeTempDir(dir);
  }
}
