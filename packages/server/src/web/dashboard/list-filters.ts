import { INCIDENT_STATUSES, type IncidentFilter, type IncidentStatus, type SeverityCatalog } from '@muster/core';

/** The filters of the incident list as the GET form sends them: the URL is the state, so it can be shared. */
export interface ListFilterValues {
  readonly status: string;
  readonly severity: string;
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly q: string;
}

export interface ListCursor {
  /** Older page: incidents numbered below this. */
  readonly before?: number;
  /** Newer page: incidents numbered above this. */
  readonly after?: number;
}

export interface ParsedListFilters {
  /** What the form shows again (as typed, cut to a sane length). */
  readonly values: ListFilterValues;
  /** The store filter, without tenant and paging (the list adds those). */
  readonly filter: IncidentFilter;
  readonly cursor: ListCursor;
  /** One sentence per bad value; when any, nothing is listed. */
  readonly errors: readonly string[];
}

export const OPEN_STATUSES: readonly IncidentStatus[] = INCIDENT_STATUSES.filter((s) => s !== 'closed' && s !== 'declined');
const MAX_TEXT = 200;
const MAX_SERVICE = 100;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_NUMBER = 999_999_999;

/**
 * Reads the list's query string. Every value is checked and a bad one is named in a sentence the page
 * shows (never a 500); dates are whole days in UTC, `to` included.
 */
export function parseListFilters(url: URL, severities: SeverityCatalog): ParsedListFilters {
  const get = (name: string, max = MAX_TEXT) => (url.searchParams.get(name) ?? '').trim().slice(0, max * 2);
  const values: ListFilterValues = { status: get('status') || 'open', severity: get('severity'), service: get('service'), from: get('from'), to: get('to'), q: get('q') };
  const errors: string[] = [];
  const filter: { -readonly [K in keyof IncidentFilter]: IncidentFilter[K] } = {};

  if (values.status === 'open') filter.statuses = OPEN_STATUSES;
  else if ((INCIDENT_STATUSES as readonly string[]).includes(values.status)) filter.statuses = [values.status as IncidentStatus];
  else if (values.status !== 'all') errors.push(`Status must be "open", "all" or one of ${INCIDENT_STATUSES.join(', ')}.`);

  if (values.severity) {
    const level = severities.find(values.severity);
    if (level) filter.severities = [level.id];
    else errors.push(`Severity must be one of ${severities.ids().join(', ')}.`);
  }
  if (values.service) {
    if (values.service.length > MAX_SERVICE) errors.push(`A service name has at most ${MAX_SERVICE} characters.`);
    else filter.service = values.service;
  }
  if (values.q) {
    if (values.q.length > MAX_TEXT) errors.push(`Search for at most ${MAX_TEXT} characters.`);
    else filter.text = values.q;
  }
  const from = values.from ? dayStart(values.from) : undefined;
  const to = values.to ? dayStart(values.to) : undefined;
  if (values.from && !from) errors.push('"Declared from" must be a date written YYYY-MM-DD.');
  if (values.to && !to) errors.push('"Declared to" must be a date written YYYY-MM-DD.');
  if (from && to && from.getTime() > to.getTime()) errors.push('"Declared from" must not be after "Declared to".');
  if (from) filter.declaredFrom = from;
  if (to) filter.declaredBefore = new Date(to.getTime() + DAY_MS);

  const before = whole(url.searchParams.get('before'));
  const after = whole(url.searchParams.get('after'));
  if (before === null || after === null) errors.push('The page link is damaged; go back to the first page.');
  return { values, filter, cursor: { ...(before !== undefined && before !== null && { before }), ...(after !== undefined && after !== null && before === undefined && { after }) }, errors };
}

/** The query string of the filters, for the paging links (they keep the filters). */
export function filterQuery(values: ListFilterValues, cursor: ListCursor = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v && !(k === 'status' && v === 'open')) params.set(k, v);
  if (cursor.before !== undefined) params.set('before', String(cursor.before));
  if (cursor.after !== undefined) params.set('after', String(cursor.after));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Midnight UTC of a real calendar day, or undefined (`2026-02-30` is not one). */
function dayStart(text: string): Date | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.getUTCFullYear() === Number(m[1]) && at.getUTCMonth() === Number(m[2]) - 1 && at.getUTCDate() === Number(m[3]) ? at : undefined;
}

/** undefined when absent, null when present but not a whole number in range. */
function whole(text: string | null): number | undefined | null {
  if (text === null || text === '') return undefined;
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= MAX_NUMBER + 1 ? n : null;
}
