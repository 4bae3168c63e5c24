import { timelineEntry, type Clock, type IdGenerator, type Logger, type TimelineRepository } from '@muster/core';
import type { ServerMetrics } from '../../metrics/server-metrics';
import type { SecretRedactor } from '../context/secret-redactor';
import { failureReason, PluginTimeoutError } from './failure-reason';
import type { PluginHealthBook } from './plugin-health-book';
import type { PluginOperation, PluginTimeouts } from './plugin-timeouts';

export interface GuardedCall {
  readonly pluginId: string;
  /** For people: `Prometheus Alertmanager`. */
  readonly pluginName: string;
  readonly installationId: string;
  readonly operation: PluginOperation;
  /** The `operation` label in /metrics when finer than `operation`: a capability call's op (`page`, `open_ticket`). */
  readonly metricsOperation?: string;
  /** What the call was, for the timeline and logs (`incident.declared`, `the page command`); default the operation. */
  readonly what?: string;
  readonly redactor: SecretRedactor;
  /** The incident the call concerns: a failure is noted on its timeline, once per `deliveryKey` (a retry adds nothing). */
  readonly incident?: { readonly id: string; readonly deliveryKey: string };
  /** Errors that are the plugin's answer, not its failure (a PayloadError from `parse`). */
  readonly isRejection?: (error: unknown) => boolean;
}

export type GuardOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: 'rejected' | 'error' | 'timeout'; readonly error: unknown; readonly reason: string };

/**
 * The one way the host calls a plugin. Each call gets the operation's time limit; whatever it throws,
 * and a call that does not settle in time, is caught and becomes an outcome the caller decides on.
 * Every call is counted in /metrics; failures are recorded in the installation's health, logged (secret-
 * free) and, when the call concerns an incident, noted on its timeline. A timed-out call keeps running
 * in the background (JavaScript cannot stop it) but nothing waits for it any more.
 */
export class PluginGuard {
  constructor(private readonly deps: {
    readonly timeouts: PluginTimeouts;
    readonly health: PluginHealthBook;
    readonly metrics: ServerMetrics;
    readonly timeline: TimelineRepository;
    readonly clock: Clock;
    readonly ids: IdGenerator;
    readonly logger: Logger;
  }) {}

  async run<T>(call: GuardedCall, work: () => T | Promise<T>): Promise<GuardOutcome<T>> {
    const limitMs = this.deps.timeouts[call.operation];
    const started = process.hrtime.bigint();
    let outcome: GuardOutcome<T>;
    try {
      outcome = { ok: true, value: await withTimeLimit(work, limitMs) };
    } catch (error) {
      const kind = error instanceof PluginTimeoutError ? 'timeout' : call.isRejection?.(error) ? 'rejected' : 'error';
      outcome = { ok: false, kind, error, reason: failureReason(error, call.redactor) };
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const labels = { plugin: call.pluginId, operation: call.metricsOperation ?? call.operation };
    this.deps.metrics.pluginCalls.inc({ ...labels, outcome: outcome.ok ? 'ok' : outcome.kind });
    this.deps.metrics.pluginDuration.observe(labels, seconds);
    const now = this.deps.clock.now();
    if (outcome.ok || outcome.kind === 'rejected') await this.deps.health.success(call.pluginId, call.installationId, now);
    else await this.recordFailure(call, outcome.reason, now);
    return outcome;
  }

  private async recordFailure(call: GuardedCall, reason: string, at: Date): Promise<void> {
    const what = call.what ?? call.operation;
    this.deps.logger.warn('plugin call failed', { plugin: call.pluginId, installation: call.installationId, operation: call.operation, what, reason });
    await this.deps.health.failure(call.pluginId, call.installationId, at, `${what}: ${reason}`);
    if (!call.incident) return;
    try {
      await this.deps.timeline.append(timelineEntry({
        id: this.deps.ids.newId(), incidentId: call.incident.id, kind: 'integration', occurredAt: at, recordedAt: at, source: call.pluginId,
        text: `${call.pluginName} plugin failed on ${what}: ${reason}`,
        data: { plugin: call.pluginId, operation: call.operation, what, reason },
        idempotencyKey: `plugin-failure:${call.pluginId}:${call.incident.deliveryKey}`.slice(0, 500),
      }));
    } catch (error) {
      this.deps.logger.warn('could not note a plugin failure on the timeline', { plugin: call.pluginId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function withTimeLimit<T>(work: () => T | Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new PluginTimeoutError(limitMs)), limitMs); });
  try {
    // `work` runs inside the race, so a synchronous throw is caught like a rejection.
    return await Promise.race([Promise.resolve().then(work), expired]);
  } finally {
    clearTimeout(timer);
  }
}
