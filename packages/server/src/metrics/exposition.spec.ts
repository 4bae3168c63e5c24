import { expect } from 'chai';
import { escapeLabelValue, renderExposition } from './exposition';
import { Counter, Histogram } from './instruments';

describe('Prometheus exposition', () => {
  it('escapes backslashes, quotes and newlines in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).to.equal('a\\\\b\\"c\\nd');
  });

  it('writes HELP and TYPE before the samples, and ends with a newline', () => {
    const counter = new Counter('jobs_total', 'Jobs.\nDone.', ['outcome']);
    counter.inc({ outcome: 'ok' }, 2);
    expect(renderExposition([counter.collect()])).to.equal('# HELP jobs_total Jobs.\\nDone.\n# TYPE jobs_total counter\njobs_total{outcome="ok"} 2\n');
  });

  it('keeps histogram buckets cumulative, ending at +Inf with the count', () => {
    const histogram = new Histogram('d_seconds', 'D.', ['route'], [0.1, 1]);
    for (const v of [0.05, 0.5, 5]) histogram.observe({ route: '/x' }, v);
    const samples = histogram.collect().samples.map((s) => [s.name, s.labels.le ?? '', s.value]);
    expect(samples).to.deep.equal([
      ['d_seconds_bucket', '0.1', 1], ['d_seconds_bucket', '1', 2], ['d_seconds_bucket', '+Inf', 3],
      ['d_seconds_sum', '', 5.55], ['d_seconds_count', '', 3],
    ]);
  });

  it('never lets a counter go down', () => {
    expect(() => new Counter('c', 'c', []).inc({}, -1)).to.throw();
  });
});
