import { MusterError } from '../../errors';

export const DEFAULT_METRIC_WEEKS = 12;
export const MIN_METRIC_WEEKS = 4;
export const MAX_METRIC_WEEKS = 52;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The weeks a metrics view covers: whole weeks starting Monday 00:00 UTC, the last one being this week. */
export interface MetricsWindow {
  /** Monday 00:00 UTC of the first week. */
  readonly from: Date;
  /** The moment the metrics were computed (the end of the current, partial week). */
  readonly until: Date;
  /** Each week's Monday, oldest first; `weeks.length` is the number asked for. */
  readonly weeks: readonly Date[];
}

/** Monday 00:00 UTC of the week holding `at` (getUTCDay: Sunday is 0, so it belongs to the week before). */
export function weekStartOf(at: Date): Date {
  const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

export function metricsWindow(now: Date, weeks: number = DEFAULT_METRIC_WEEKS): MetricsWindow {
  const count = checkedWeeks(weeks);
  const current = weekStartOf(now).getTime();
  const list = Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * WEEK_MS));
  return { from: list[0], until: now, weeks: list };
}

/** Index of the window week holding `at`, or -1 when it falls outside the window. */
export function weekIndexOf(window: MetricsWindow, at: Date): number {
  const i = Math.floor((at.getTime() - window.from.getTime()) / WEEK_MS);
  return i >= 0 && i < window.weeks.length && at.getTime() <= window.until.getTime() ? i : -1;
}

/**
 * `?weeks=` as typed in a URL: absent is the default; anything but a whole number from 4 to 52 is
 * refused with what to type instead (a huge or negative number must not become a huge query).
 */
export function parseMetricWeeks(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || raw.trim() === '') return DEFAULT_METRIC_WEEKS;
  const text = raw.trim();
  if (!/^\d{1,3}$/.test(text)) throw weeksError(text);
  return checkedWeeks(Number(text));
}

function checkedWeeks(weeks: number): number {
  if (!Number.isInteger(weeks) || weeks < MIN_METRIC_WEEKS || weeks > MAX_METRIC_WEEKS) throw weeksError(String(weeks));
  return weeks;
}

function weeksError(shown: string): MusterError {
  const echo = shown.length > 20 ? `${shown.slice(0, 20)}…` : shown;
  return new MusterError('invalid_argument', `"${echo}" is not a number of weeks Muster can show; choose a whole number from ${MIN_METRIC_WEEKS} to ${MAX_METRIC_WEEKS} (the default is ${DEFAULT_METRIC_WEEKS}).`);
}

/** `2026-11-30`: how a week is named in tables and CSV files. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
