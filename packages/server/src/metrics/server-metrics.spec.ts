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

describe('ServerMetrics: the store\'s group commit', () => {
  it('counts transactions, units, lock re-runs and deferred units from the store\'s running totals, adding only what is new at each scrape', async () => {
    const totals = { groups: 3, units: 10, lockRetries: 0, deferred: 0, largestGroup: 4 };
    const metrics = new ServerMetrics();
    metrics.watchCommits(() => totals);
    let text = await metrics.scrape(reposWith([]));
    expect(text).to.contain('muster_store_commits_total 3\n').and.to.contain('muster_store_units_total 10\n');
    expect(text).to.contain('muster_store_lock_reruns_total 0\n').and.to.contain('muster_store_deferred_units_total 0\n');
    Object.assign(totals, { groups: 5, units: 14, lockRetries: 2, deferred: 1 });
    text = await metrics.scrape(reposWith([]));
    expect(text).to.contain('muster_store_commits_total 5\n').and.to.contain('muster_store_units_total 14\n');
    expect(text).to.contain('muster_store_lock_reruns_total 2\n').and.to.contain('muster_store_deferred_units_total 1\n');
    text = await metrics.scrape(reposWith([]));
    expect(text, 'a scrape with nothing new adds nothing').to.contain('muster_store_commits_total 5\n');
  });
});
