import type { BenchResult } from '../bench-result';
import type { MachineFacts } from './machine-facts';
import { renderVerdict, type VerdictLine } from './verdict';

/** A suite that ran, or one that could not (with the reason). */
export type SuiteOutcome = { readonly ok: true; readonly result: BenchResult; readonly seconds: number } | { readonly ok: false; readonly name: string; readonly error: string; readonly seconds: number };

interface Row { metric: string; median: string; spread: string; target: string; met: string }

/**
 * One table per suite: metric, median, min–max, target, met?. Metrics named `<x>_median`, `<x>_min`,
 * `<x>_max` become one row `<x>`; other metrics are single figures; a target whose metric is not a
 * metric (a derived ratio) gets its own row.
 */
export function renderMarkdown(outcomes: readonly SuiteOutcome[], machine: MachineFacts, flags: { quick: boolean; verdict?: readonly VerdictLine[]; totalSeconds?: number }): string {
  const lines = [
    `Node ${machine.node}, ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb} GB, load ${machine.loadAverageAtStart} at start, ${machine.date}${flags.quick ? ' — **--quick smoke run: do not quote these figures**' : ''}.`,
    '',
  ];
  // The verdict first: one row per issue-14 target, before any suite's table.
  if (flags.verdict) lines.push(...renderVerdict(flags.verdict), '');
  if (flags.totalSeconds !== undefined) {
    lines.push(`Elapsed: ${Math.round(flags.totalSeconds)} s in all; ${outcomes.map((o) => `${o.ok ? o.result.name : o.name} ${o.seconds.toFixed(0)} s`).join(', ')}.`, '', '## Suites', '');
  }
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      lines.push(`### ${outcome.name}`, '', `**Could not run:** ${outcome.error}`, '');
      continue;
    }
    const { result } = outcome;
    lines.push(`### ${result.name} (${outcome.seconds.toFixed(0)} s)`, '', '| metric | median | min–max | target | met? |', '|---|---|---|---|---|');
    for (const row of rowsOf(result)) lines.push(`| ${row.metric} | ${row.median} | ${row.spread} | ${row.target} | ${row.met} |`);
    if (result.notes?.length) lines.push('', ...result.notes.map((note) => `- ${note}`));
    lines.push('');
  }
  return lines.join('\n');
}

function rowsOf(result: BenchResult): Row[] {
  const rows: Row[] = [];
  const byMetric = new Map<string, Row>();
  for (const [key, value] of Object.entries(result.metrics)) {
    const spread = /^(.*)_(median|min|max)$/.exec(key);
    if (spread && `${spread[1]}_median` in result.metrics) {
      if (spread[2] !== 'median') continue;
      const name = spread[1];
      const row = { metric: name, median: show(value), spread: `${show(result.metrics[`${name}_min`])}–${show(result.metrics[`${name}_max`])}`, target: '', met: '' };
      rows.push(row);
      byMetric.set(name, row);
    } else {
      const row = { metric: key, median: show(value), spread: '', target: '', met: '' };
      rows.push(row);
      byMetric.set(key, row);
    }
  }
  for (const target of result.targets ?? []) {
    let row = byMetric.get(target.metric);
    if (!row) {
      row = { metric: target.metric, median: show(target.actual), spread: '', target: '', met: '' };
      rows.push(row);
    }
    row.metric = `**${row.metric}**`;
    row.target = target.target;
    row.met = target.met ? 'yes' : '**no**';
  }
  return rows;
}

const show = (value: number | string | undefined): string => (value === undefined ? '' : typeof value === 'number' ? String(value) : value.replace(/\|/g, '\\|'));
