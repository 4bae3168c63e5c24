import type { Repositories } from '@muster/core';
import { expect } from 'chai';
import { ServerMetrics } from './server-metrics';

// Only the three reads a scrape makes; the rest of Repositories is never touched.
const reposWith = (counts: { status: string; severity: string; count: number }[], depth = 0, dead = 0): Repositories => ({
  incidents: { countByStatusAndSeverity: async () => counts },
  outbox: { depth: async () => depth, deadLetterCount: async () => dead },
}) as unknown as Repositories;

describe('ServerMetrics', () => {
  it('scrapes the database gauges, the zeroed outbox outcomes and the process start time', async () => {
    const text = await new ServerMetrics().scrape(reposWith([{ status: 'triage', severity: 'SEV1', count: 3 }], 4, 1));
    expect(text).to.contain('# TYPE muster_incidents gauge\nmuster_incidents{status="triage",severity="SEV1"} 3\n');
    expect(text).to.contain('muster_outbox_depth 4\n');
    expect(text).to.contain('muster_outbox_dead_letters 1\n');
    for (const outcome of ['done', 'retried', 'dead']) expect(text).to.contain(`muster_outbox_processed_total{outcome="${outcome}"} 0\n`);
    expect(text).to.match(/^process_start_time_seconds \d+$/m);
  });

  it('drops an incident series once the database no longer has it', async () => {
    const metrics = new ServerMetrics();
    await metrics.scrape(reposWith([{ status: 'triage', severity: 'SEV1', count: 1 }]));
    const text = await metrics.scrape(reposWith([{ status: 'resolved', severity: 'SEV1', count: 1 }]));
    expect(text).to.contain('muster_incidents{status="resolved",severity="SEV1"} 1');
    expect(text).not.to.contain('status="triage"');
  });

  it('keeps two instances in one process apart', async () => {
    const a = new ServerMetrics();
    const b = new ServerMetrics();
    a.webhooks.inc({ plugin: 'acme', outcome: 'accepted' });
    expect(await a.scrape(reposWith([]))).to.contain('muster_webhooks_total{plugin="acme",outcome="accepted"} 1');
    expect(await b.scrape(reposWith([]))).not.to.contain('plugin="acme"');
  });

  it('never lets a counter go down', () => {
    expect(() => new ServerMetrics().outboxProcessed.inc({ outcome: 'done' }, -1)).to.throw();
  });

  it('answers in Prometheus text 0.0.4', () => {
    expect(new ServerMetrics().contentType).to.match(/^text\/plain; version=0\.0\.4/);
  });
});
