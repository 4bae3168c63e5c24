import { AssertionError } from 'node:assert';
import type { AlertSignal } from '../capabilities/alert-source';
import type { SeverityLevels } from '../severity';
import { wellFormed } from '../webhooks/text';

/** What a signal is checked against: the installation's severities (`ctx` of `activateForTest`, or `{ severities: TEST_SEVERITIES }`). */
export interface SignalCheckContext {
  readonly severities?: SeverityLevels;
}

// What makes a title more than one line of plain text: controls, line separators, bidi controls.
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const URL_MAX = 2000;

type Rule = (value: unknown) => string | undefined;

/** Text the host stores and shows as is: non-empty, bounded, no edge whitespace, no lone surrogates. */
const text = (max: number, oneLine = false): Rule => (value) => {
  if (typeof value !== 'string') return 'must be a string';
  if (value.trim() === '') return 'must not be empty or blank';
  if (value.length > max) return `must be at most ${max} characters (it has ${value.length})`;
  if (value !== value.trim()) return 'must not start or end with whitespace';
  if (wellFormed(value) !== value) return 'must not hold a lone surrogate';
  if (oneLine && NOT_ONE_LINE.test(value)) return 'must be one line, without control or bidi characters';
  return undefined;
};

const status: Rule = (value) => (value === 'firing' || value === 'resolved' ? undefined : 'must be "firing" or "resolved"');

const link: Rule = (value) => {
  const why = `must be an http(s) link without credentials, at most ${URL_MAX} characters`;
  if (typeof value !== 'string' || value.length > URL_MAX) return why;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? undefined : why;
  } catch {
    return why;
  }
};

const instant: Rule = (value) => {
  try {
    return typeof value === 'string' && new Date(value).toISOString() === value ? undefined : 'must be an ISO 8601 instant in UTC, as Date.toISOString writes it';
  } catch {
    return 'must be an ISO 8601 instant in UTC, as Date.toISOString writes it';
  }
};

/** The first problem of one signal, as `[field, why]`. */
function problemOf(signal: AlertSignal): [string, string] | undefined {
  const checks: [string, unknown, Rule][] = [
    ['status', signal.status, status],
    ['groupKey', signal.groupKey, text(200)],
    ['deliveryId', signal.deliveryId, text(200)],
    ['title', signal.title, text(200, true)],
  ];
  if (signal.summary !== undefined) checks.push(['summary', signal.summary, text(2000)]);
  if (signal.severity !== undefined) checks.push(['severity', signal.severity, (v) => (typeof v === 'string' ? undefined : 'must be a string')]);
  if (signal.url !== undefined) checks.push(['url', signal.url, link]);
  if (signal.startedAt !== undefined) checks.push(['startedAt', signal.startedAt, instant]);
  if (signal.services !== undefined) {
    if (!Array.isArray(signal.services)) return ['services', 'must be a list'];
    signal.services.forEach((service, i) => checks.push([`services[${i}]`, service, text(100)]));
  }
  if (signal.labels !== undefined) {
    const labels = signal.labels as unknown;
    if (labels === null || typeof labels !== 'object' || Array.isArray(labels) || Object.getPrototypeOf(labels) !== Object.prototype) return ['labels', 'must be a plain object'];
    const entries = Object.entries(labels);
    if (entries.length > 50) return ['labels', `must hold at most 50 labels (it has ${entries.length})`];
    for (const [name, value] of entries) checks.push([`labels (the name ${JSON.stringify(name).slice(0, 40)})`, name, text(100)], [`labels[${JSON.stringify(name).slice(0, 40)}]`, value, text(500)]);
  }
  if (signal.alerts !== undefined) {
    if (!Array.isArray(signal.alerts)) return ['alerts', 'must be a list'];
    signal.alerts.forEach((alert, i) => {
      checks.push([`alerts[${i}].id`, alert?.id, text(200)], [`alerts[${i}].status`, alert?.status, status]);
      if (alert?.title !== undefined) checks.push([`alerts[${i}].title`, alert.title, text(200, true)]);
      if (alert?.url !== undefined) checks.push([`alerts[${i}].url`, alert.url, link]);
    });
  }
  for (const [field, value, rule] of checks) {
    const why = rule(value);
    if (why !== undefined) return [field, why];
  }
  return undefined;
}

/**
 * Fails unless every signal is one the host stores and shows as is: a status, a group key and a
 * delivery id (at most 200 characters), a one-line title (200) and a summary (2000) without edge
 * whitespace or lone surrogates, a severity of the installation, services (100 each), http(s) links
 * without credentials (2000), a UTC `startedAt`, at most 50 labels (names 100, values 500) and
 * well-formed alerts. `deliver` runs it on everything `parse` returns; property tests call it on
 * signals from any input. The message names the signal and the field.
 */
export function assertWellFormedSignals(signals: readonly AlertSignal[], ctx: SignalCheckContext = {}): void {
  const fail = (message: string): never => {
    throw new AssertionError({ message, stackStartFn: assertWellFormedSignals });
  };
  if (!Array.isArray(signals)) fail('parse must return an array of signals');
  signals.forEach((signal, index) => {
    if (signal === null || typeof signal !== 'object') fail(`signals[${index}] breaks the AlertSignal contract: it is not an object`);
    const problem = problemOf(signal);
    if (problem) fail(`signals[${index}] breaks the AlertSignal contract: ${problem[0]} ${problem[1]}`);
    const levels = ctx.severities;
    if (signal.severity !== undefined && levels && !levels.some((level) => level.id === signal.severity)) {
      fail(`signals[${index}].severity "${signal.severity}" is not a severity of the installation (${levels.map((level) => level.id).join(', ')})`);
    }
  });
}
