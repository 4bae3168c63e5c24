import type { Repositories } from '@muster/core';
import { renderExposition, type MetricFamily } from './exposition';
import { Counter, Histogram } from './instruments';

export type OutboxOutcome = 'done' | 'retried' | 'dead';

/**
 * The process's metrics. Counters and the request histogram live in memory; the incident and outbox
 * gauges are read from the database at scrape time, so every instance reports the same truth.
 */
export class ServerMetrics {
  readonly httpDuration = new Histogram('muster_http_request_duration_seconds', 'Time to answer HTTP requests, by route pattern.', ['method', 'route', 'status']);
  readonly outboxProcessed = new Counter('muster_outbox_processed_total', 'Outbox messages processed by this process, by outcome.', ['outcome']);
  /** Every call the plugin host made into a plugin; outcome `ok`, `rejected` (the plugin refused the input, e.g. a bad payload), `error` or `timeout`. */
  readonly pluginCalls = new Counter('muster_plugin_calls_total', 'Calls into plugins, by plugin, operation and outcome.', ['plugin', 'operation', 'outcome']);
  readonly pluginDuration = new Histogram('muster_plugin_call_duration_seconds', 'Time plugin calls took, by plugin and operation.', ['plugin', 'operation']);
  /** `POST /webhooks/<plugin>` by outcome (`accepted`, `unauthorized`, `bad_request`, …); unknown plugin ids are counted as `unknown`. */
  readonly webhooks = new Counter('muster_webhooks_total', 'Alert webhooks received, by plugin and outcome.', ['plugin', 'outcome']);
  private readonly startTimeSeconds: number;

  constructor(startedAt: Date = new Date()) {
    this.startTimeSeconds = Math.floor(startedAt.getTime() / 1000);
    for (const outcome of ['done', 'retried', 'dead'] as const) this.outboxProcessed.touch({ outcome });
  }

  recordOutbox(result: Readonly<Record<OutboxOutcome, number>>): void {
    for (const outcome of ['done', 'retried', 'dead'] as const) if (result[outcome] > 0) this.outboxProcessed.inc({ outcome }, result[outcome]);
  }

  async scrape(repos: Repositories): Promise<string> {
    const [counts, depth, dead] = await Promise.all([
      repos.incidents.countByStatusAndSeverity(),
      repos.outbox.depth(),
      repos.outbox.deadLetterCount(),
    ]);
    const families: MetricFamily[] = [
      {
        name: 'muster_incidents', help: 'Incidents by status and severity.', type: 'gauge',
        samples: counts.map((c) => ({ name: 'muster_incidents', labels: { status: c.status, severity: c.severity }, value: c.count })),
      },
      { name: 'muster_outbox_depth', help: 'Outbox messages still to be carried out.', type: 'gauge', samples: [{ name: 'muster_outbox_depth', labels: {}, value: depth }] },
      { name: 'muster_outbox_dead_letters', help: 'Outbox messages given up on (kept for inspection).', type: 'gauge', samples: [{ name: 'muster_outbox_dead_letters', labels: {}, value: dead }] },
      this.outboxProcessed.collect(),
      this.pluginCalls.collect(),
      this.pluginDuration.collect(),
      this.webhooks.collect(),
      this.httpDuration.collect(),
      { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge', samples: [{ name: 'process_start_time_seconds', labels: {}, value: this.startTimeSeconds }] },
    ];
    return renderExposition(families);
  }
}
