import type { Repositories } from '@muster/core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type OutboxOutcome = 'done' | 'retried' | 'dead';
const OUTBOX_OUTCOMES = ['done', 'retried', 'dead'] as const;

/**
 * The process's metrics, on a registry of their own (not prom-client's global one) so that several
 * servers in one process, as in the tests, never count into each other. Counters and histograms live
 * in memory; the incident and outbox gauges are read from the database at scrape time, so every
 * instance reports the same truth. Histograms keep prom-client's default buckets (5 ms to 10 s).
 */
export class ServerMetrics {
  private readonly registry = new Registry();
  private readonly registers = [this.registry];
  readonly httpDuration = new Histogram({ name: 'muster_http_request_duration_seconds', help: 'Time to answer HTTP requests, by route pattern.', labelNames: ['method', 'route', 'status'], registers: this.registers });
  readonly outboxProcessed = new Counter({ name: 'muster_outbox_processed_total', help: 'Outbox messages processed by this process, by outcome.', labelNames: ['outcome'], registers: this.registers });
  /** Every call the plugin host made into a plugin; outcome `ok`, `rejected` (the plugin refused the input, e.g. a bad payload), `error` or `timeout`. */
  readonly pluginCalls = new Counter({ name: 'muster_plugin_calls_total', help: 'Calls into plugins, by plugin, operation and outcome.', labelNames: ['plugin', 'operation', 'outcome'], registers: this.registers });
  readonly pluginDuration = new Histogram({ name: 'muster_plugin_call_duration_seconds', help: 'Time plugin calls took, by plugin and operation.', labelNames: ['plugin', 'operation'], registers: this.registers });
  /** `POST /webhooks/<plugin>` by outcome (`accepted`, `unauthorized`, `bad_request`, …); unknown plugin ids are counted as `unknown`. */
  readonly webhooks = new Counter({ name: 'muster_webhooks_total', help: 'Alert webhooks received, by plugin and outcome.', labelNames: ['plugin', 'outcome'], registers: this.registers });
  private readonly incidents = new Gauge({ name: 'muster_incidents', help: 'Incidents by status and severity.', labelNames: ['status', 'severity'], registers: this.registers });
  private readonly outboxDepth = new Gauge({ name: 'muster_outbox_depth', help: 'Outbox messages still to be carried out: due now or waiting to be retried (timers set for later, such as reminders, count once they are due).', registers: this.registers });
  private readonly deadLetters = new Gauge({ name: 'muster_outbox_dead_letters', help: 'Outbox messages given up on (kept for inspection).', registers: this.registers });
  /** Multi-instance mode only: BullMQ's job counts by queue and state (waiting, prioritized, active, delayed, failed), read from Redis at scrape time. */
  private readonly queueJobs = new Gauge({ name: 'muster_queue_jobs', help: 'BullMQ jobs by queue and state (multi-instance mode).', labelNames: ['queue', 'state'], registers: this.registers });
  private queueSource: (() => Promise<Readonly<Record<string, number>> | undefined>) | undefined;
  /** The store's group commit (transactions, the units they carried, units run again after a lock conflict, units moved to the next transaction to keep lock order). */
  private readonly commits = new Counter({ name: 'muster_store_commits_total', help: 'Database transactions of the group commit, committed or rolled back.', registers: this.registers });
  private readonly commitUnits = new Counter({ name: 'muster_store_units_total', help: 'Units of work the group commit ran (one per change), re-runs included.', registers: this.registers });
  private readonly lockReruns = new Counter({ name: 'muster_store_lock_reruns_total', help: 'Units run again because their transaction was lost to a deadlock or lock-wait timeout with another instance (none of it had committed).', registers: this.registers });
  private readonly deferredUnits = new Counter({ name: 'muster_store_deferred_units_total', help: 'Units moved to the next transaction so that sequence rows are locked in one order (no cross-instance deadlock).', registers: this.registers });
  private commitSource: (() => Readonly<CommitStats>) | undefined;
  private readonly commitsSeen: CommitStats = { groups: 0, units: 0, lockRetries: 0, deferred: 0 };

  constructor() {
    // process_start_time_seconds and the other process_*/nodejs_* series come from here.
    collectDefaultMetrics({ register: this.registry });
    // Pre-declared at zero, so they are scraped before anything happened (rates need a start).
    for (const outcome of OUTBOX_OUTCOMES) this.outboxProcessed.inc({ outcome }, 0);
  }

  /** The content type of what `scrape` returns (Prometheus text 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  recordOutbox(result: Readonly<Record<OutboxOutcome, number>>): void {
    for (const outcome of OUTBOX_OUTCOMES) if (result[outcome] > 0) this.outboxProcessed.inc({ outcome }, result[outcome]);
  }

  /** Where the outbox queue's job counts come from (multi-instance mode); undefined from it means Redis did not answer, and the series are dropped. */
  watchOutboxQueue(source: () => Promise<Readonly<Record<string, number>> | undefined>): void {
    this.queueSource = source;
  }

  /** Where the group commit's running totals come from (the store's unit of work); each scrape adds what is new. */
  watchCommits(source: () => Readonly<CommitStats>): void {
    this.commitSource = source;
  }

  async scrape(repos: Repositories): Promise<string> {
    this.addCommits();
    const [counts, depth, dead, jobs] = await Promise.all([
      repos.incidents.countByStatusAndSeverity(),
      repos.outbox.depth(),
      repos.outbox.deadLetterCount(),
      this.queueSource?.(),
    ]);
    this.queueJobs.reset();
    for (const [state, n] of Object.entries(jobs ?? {})) this.queueJobs.set({ queue: 'outbox', state }, n);
    // Reset first, so a status/severity pair with no incidents left is dropped rather than stuck at its last count.
    this.incidents.reset();
    for (const c of counts) this.incidents.set({ status: c.status, severity: c.severity }, c.count);
    this.outboxDepth.set(depth);
    this.deadLetters.set(dead);
    return this.registry.metrics();
  }

  private addCommits(): void {
    const now = this.commitSource?.();
    if (!now) return;
    const pairs: [Counter, keyof CommitStats][] = [[this.commits, 'groups'], [this.commitUnits, 'units'], [this.lockReruns, 'lockRetries'], [this.deferredUnits, 'deferred']];
    for (const [counter, key] of pairs) {
      const added = now[key] - this.commitsSeen[key];
      if (added > 0) counter.inc(added);
      this.commitsSeen[key] = now[key];
    }
  }
}

/** The running totals of the store's group commit this process has made (GroupCommitStats in @muster/store). */
export interface CommitStats {
  groups: number;
  units: number;
  lockRetries: number;
  deferred: number;
}
