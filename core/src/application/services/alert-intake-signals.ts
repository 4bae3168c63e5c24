import { MusterError } from '../../errors';
import type { AlertOrigin, AlertSignal } from '../../domain/alert';
import { MAX_TITLE_LENGTH } from '../../domain/incident';
import type { SeverityCatalog } from '../../domain/severity';
import { storableText } from '../../domain/timeline';
import type { Declaration } from './declare-incident';

/**
 * What one webhook may carry. Signals come from plugins (third-party code) reading payloads from outside,
 * so nothing in them is trusted: the keys are bounded so they fit the stores' indexes, descriptive text is
 * cut to what a person reads, and lists are capped so one payload cannot bloat an incident's rows.
 */
export const ALERT_LIMITS = {
  signals: 200,
  deliveryId: 200,
  groupKey: 1000,
  /** The stores' idempotency keys stop at 512; timeline entries add a short suffix to the delivery key. */
  deliveryKey: 500,
  services: 20,
  serviceLength: 100,
  summary: 4000,
  url: 2000,
  alertsNamed: 10,
  alertsKept: 50,
  labels: 50,
  labelLength: 200,
} as const;

/**
 * The signals as they can be taken, or MusterError `invalid_argument` saying which one is unusable (the
 * host answers 400 and stores nothing). Only what identifies a signal is required; a descriptive field of
 * the wrong type is left out rather than refusing an alert that would otherwise declare.
 */
export function checkSignals(signals: unknown): AlertSignal[] {
  if (!Array.isArray(signals)) throw refused('the alert source handed over no list of signals');
  if (signals.length > ALERT_LIMITS.signals) throw refused(`${signals.length} alert groups in one webhook; at most ${ALERT_LIMITS.signals} are taken at once`);
  return signals.map((raw: unknown, index) => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const which = `alert ${index + 1}`;
    if (s.status !== 'firing' && s.status !== 'resolved') throw refused(`${which} is neither firing nor resolved`);
    const groupKey = boundedKey(s.groupKey, ALERT_LIMITS.groupKey, `${which}: its group key`);
    const deliveryId = boundedKey(s.deliveryId, ALERT_LIMITS.deliveryId, `${which}: its delivery id`);
    return {
      status: s.status, groupKey, deliveryId,
      title: typeof s.title === 'string' ? s.title : '',
      ...optional('summary', typeof s.summary === 'string' ? s.summary : undefined),
      ...optional('severity', typeof s.severity === 'string' ? s.severity : undefined),
      ...optional('services', Array.isArray(s.services) ? s.services.filter((v): v is string => typeof v === 'string') : undefined),
      ...optional('url', typeof s.url === 'string' ? s.url : undefined),
      ...optional('startedAt', typeof s.startedAt === 'string' ? s.startedAt : undefined),
      ...optional('labels', labelsOf(s.labels)),
      ...optional('alerts', alertsOf(s.alerts)),
    };
  });
}

/** What the intake declares for a firing group (DeclareIncident then applies the domain's own rules). */
export function declarationOf(signal: AlertSignal, origin: AlertOrigin, severities: SeverityCatalog, now: Date): Declaration {
  const level = signal.severity === undefined ? undefined : severities.find(signal.severity);
  const startedAt = signal.startedAt === undefined ? undefined : new Date(signal.startedAt);
  // Before 1970 or unparseable is a broken clock at the source, not when the problem began.
  const detectedAt = startedAt && Number.isFinite(startedAt.getTime()) && startedAt.getTime() >= 0 && startedAt <= now ? startedAt : undefined;
  return {
    title: titleOf(signal, origin),
    severity: level?.id ?? severities.default.id,
    ...optional('summary', signal.summary === undefined ? undefined : cut(oneLine(signal.summary, false), ALERT_LIMITS.summary)),
    services: (signal.services ?? []).map((s) => cut(oneLine(s), ALERT_LIMITS.serviceLength)).filter(Boolean).slice(0, ALERT_LIMITS.services),
    private: origin.private,
    ...optional('detectedAt', detectedAt),
    source: origin.pluginId,
  };
}

/** The incident title: one line, cut to the domain's limit; a source that names nothing still declares. */
export function titleOf(signal: AlertSignal, origin: AlertOrigin): string {
  const title = oneLine(signal.title) || oneLine(`${origin.pluginName} alert`) || 'Alert';
  return cut(title, MAX_TITLE_LENGTH);
}

export type AlertEntryWhat = 'declared' | 'noted' | 'resolved';

/** The `alert` timeline entry's text: who says what, about which alerts, and the link back. */
export function alertEntryText(origin: AlertOrigin, signal: AlertSignal, what: AlertEntryWhat): string {
  const said = what === 'resolved' ? 'resolved, so the incident is resolved'
    : signal.status === 'resolved' ? 'resolved'
      : what === 'declared' ? 'firing' : 'firing again';
  const named = [...new Set((signal.alerts ?? []).map((a) => oneLine(a.title ?? '')).filter(Boolean))];
  const shown = named.slice(0, ALERT_LIMITS.alertsNamed);
  const titles = shown.length === 0 ? titleOf(signal, origin)
    : `${shown.join(', ')}${named.length > shown.length ? ` and ${named.length - shown.length} more` : ''}`;
  const url = linkBack(signal.url);
  return `${oneLine(origin.pluginName) || origin.pluginId}: ${said}: ${titles}${url ? ` ${url}` : ''}`;
}

/** What the `alert` entry keeps for the dashboard and the postmortem: the signal, bounded. */
export function alertEntryData(signal: AlertSignal): Record<string, unknown> {
  const url = linkBack(signal.url);
  return {
    status: signal.status, groupKey: signal.groupKey, deliveryId: signal.deliveryId,
    ...(url && { url }),
    ...(signal.alerts && { alerts: signal.alerts.slice(0, ALERT_LIMITS.alertsKept).map((a) => ({ ...a, ...(a.url !== undefined && { url: linkBack(a.url) }) })) }),
    ...(signal.labels && { labels: signal.labels }),
  };
}

/** Only http(s) links go back to the source: anything else (javascript:, data:) is not a place to send people. */
export function linkBack(url: string | undefined): string | undefined {
  if (!url || url.length > ALERT_LIMITS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const refused = (why: string) => new MusterError('invalid_argument', `The alert cannot be taken: ${why}. Nothing was stored.`);

function boundedKey(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw refused(`${what} is missing`);
  if (value.length > max) throw refused(`${what} is ${value.length} characters; at most ${max} are taken`);
  return storableText(value);
}

function labelsOf(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string').slice(0, ALERT_LIMITS.labels);
  return Object.fromEntries(entries.map(([k, v]) => [cut(storableText(k), ALERT_LIMITS.labelLength), cut(storableText(v), ALERT_LIMITS.labelLength)]));
}

function alertsOf(value: unknown): AlertSignal['alerts'] {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((raw: unknown) => {
    const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof a.id !== 'string' || (a.status !== 'firing' && a.status !== 'resolved')) return [];
    return [{
      id: cut(storableText(a.id), ALERT_LIMITS.labelLength), status: a.status,
      ...optional('title', typeof a.title === 'string' ? cut(oneLine(a.title), MAX_TITLE_LENGTH) : undefined),
      ...optional('url', typeof a.url === 'string' ? a.url : undefined),
    }];
  });
}

// C0/C1 controls and line breaks: a title is one line of text, whatever the source sent.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/gu;

/** Storable text (no lone surrogates) with controls as spaces; `collapse` also folds runs of whitespace. */
function oneLine(text: string, collapse = true): string {
  const clean = storableText(text);
  return (collapse ? clean.replace(CONTROLS, ' ').replace(/\s+/gu, ' ') : clean.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu, ' ')).trim();
}

/** At most `max` UTF-16 units, never cutting a surrogate pair, with an ellipsis when cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/u.test(text[end - 1] ?? '')) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
