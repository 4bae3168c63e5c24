import type { BenchResult, VerdictRow } from '../bench-result';
import { ISSUE14_TARGETS } from './issue14-targets';

/** A row the table prints: a measured row, or a target nothing in this run measured. */
export type VerdictLine = VerdictRow | { readonly targetId: string; readonly target: string; readonly result: string; readonly met: 'not measured' };

/**
 * Every issue-14 target, in the registry's order: the rows suites attached, then the rows derived
 * from older suites' metrics, and for a target with neither, a row that says it was not measured.
 */
export function verdictLines(results: readonly BenchResult[], runnerRows: readonly VerdictRow[]): VerdictLine[] {
  const byName = new Map(results.map((r) => [r.name, r]));
  const measured = [...runnerRows, ...results.flatMap((r) => r.verdict ?? []), ...ISSUE14_TARGETS.flatMap((t) => t.derive?.(byName) ?? [])];
  const lines: VerdictLine[] = [];
  for (const target of ISSUE14_TARGETS) {
    const rows = measured.filter((row) => row.targetId === target.id);
    if (rows.length) lines.push(...rows);
    else lines.push({ targetId: target.id, target: target.label, result: target.suites.length ? `not run (suite ${target.suites.join(', ')})` : 'no suite measures it yet', met: 'not measured' });
  }
  // A suite's row for a target the registry does not know still shows, after the known ones.
  lines.push(...measured.filter((row) => !ISSUE14_TARGETS.some((t) => t.id === row.targetId)));
  return lines;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The verdict as Markdown: target, result, met?, and for a missed one the measured reason and the next fix. */
export function renderVerdict(lines: readonly VerdictLine[]): string[] {
  const out = ['## Verdict (issue 14)', '', '| target | result: median (min–max) | met? | measured reason / next fix |', '|---|---|---|---|'];
  for (const line of lines) {
    const met = typeof line.met === 'string' ? line.met : line.met ? 'yes' : '**no**';
    const why = 'reason' in line && (line.reason || line.nextFix) ? `${line.reason ?? ''}${line.nextFix ? ` — next: ${line.nextFix}` : ''}` : '';
    out.push(`| ${cell(line.target)} | ${cell(line.result)} | ${met} | ${cell(why)} |`);
  }
  return out;
}
