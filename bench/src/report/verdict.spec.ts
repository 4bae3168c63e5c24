import { expect } from 'chai';
import type { BenchResult } from '../bench-result';
import { ISSUE14_TARGETS } from './issue14-targets';
import { renderVerdict, verdictLines } from './verdict';

describe('verdict', () => {
  const openLoop: BenchResult = {
    name: 'ack-open-loop', metrics: {},
    verdict: [{ targetId: 'open-loop-p99', target: 'open loop (SQLite)', result: '50/s 3.2 (2–4)', met: false, reason: 'CPU 2 ms/request', nextFix: 'outbox off the loop' }],
  };
  const ackLatency: BenchResult = {
    name: 'ack-latency',
    metrics: {
      c32_p99_ms_muster_median: 80, c32_p99_ms_muster_min: 70, c32_p99_ms_muster_max: 120,
      c32_p99_ratio_median: 9, c32_p99_ratio_min: 5, c32_p99_ratio_max: 12,
    },
  };

  it('lists every issue-14 target once at least, in the registry\'s order, the unmeasured ones said so', () => {
    const lines = verdictLines([openLoop, ackLatency], []);
    const ids = [...new Set(lines.map((l) => l.targetId))];
    expect(ids).to.deep.equal(ISSUE14_TARGETS.map((t) => t.id));
    expect(lines.find((l) => l.targetId === 'declare-to-ready')?.met).to.equal('not measured');
    expect(lines.find((l) => l.targetId === 'ingestion-vs-raw')?.result).to.match(/not run \(suite ingestion\)/);
  });

  it('takes a suite\'s attached row as it is, and derives the closed-loop row from ack-latency\'s metrics', () => {
    const lines = verdictLines([openLoop, ackLatency], []);
    expect(lines.find((l) => l.targetId === 'open-loop-p99')).to.deep.equal(openLoop.verdict?.[0]);
    const closed = lines.find((l) => l.targetId === 'closed-loop-p99');
    expect(closed?.met).to.equal(true);
    expect(closed?.result).to.contain('80 ms (70–120)');
  });

  it('prints a missed target with its measured reason and next fix, and escapes pipes', () => {
    const md = renderVerdict(verdictLines([{ ...openLoop, verdict: [{ ...openLoop.verdict![0], result: 'a | b' }] }], [])).join('\n');
    expect(md).to.match(/^## Verdict/);
    expect(md).to.contain('| open loop (SQLite) | a \\| b | **no** | CPU 2 ms/request — next: outbox off the loop |');
  });

  it('derives the ingestion rows from its metrics: vs the bare app from the medians, vs raw inserts, and the counts', () => {
    const m = (name: string, median: number) => ({ [`${name}_median`]: median, [`${name}_min`]: median, [`${name}_max`]: median });
    const ingestion: BenchResult = {
      name: 'ingestion',
      metrics: {
        ...m('c32_ratio_muster_vs_raw', 0.25), ...m('c64_ratio_muster_vs_raw', 1.1),
        ...m('c32_events_per_s_muster', 900), ...m('c32_events_per_s_bare_bolt_ack_only', 1_000),
        ...m('c64_events_per_s_muster', 500), ...m('c64_events_per_s_bare_bolt_ack_only', 1_000),
        events_lost_total: 0, duplicates_stored_total: 0,
      },
    };
    const lines = verdictLines([ingestion], []);
    expect(lines.find((l) => l.targetId === 'ingestion-vs-bare')).to.include({ met: false, result: '0.900 / 0.500 (ratio of the medians)' });
    expect(lines.find((l) => l.targetId === 'ingestion-vs-raw')?.met).to.equal(false);
    expect(lines.find((l) => l.targetId === 'ingestion-counted')).to.include({ met: true, result: '0 lost, 0 duplicated' });
  });
});
