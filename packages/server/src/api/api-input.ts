import { INCIDENT_STATUSES, MAX_TITLE_LENGTH, type IncidentStatus } from '@muster/core';
import { badRequest } from '../http/http-error';

/** Request checks of the REST API: each refusal is a 400 naming the field and what it accepts. */

export interface DeclareBody {
  readonly title: string;
  readonly severity?: string;
  readonly services?: string[];
  readonly summary?: string;
  readonly private?: boolean;
}

const DECLARE_FIELDS = ['title', 'severity', 'services', 'summary', 'private'];
const MAX_SERVICES = 20;
const MAX_SUMMARY = 4000;

export function readDeclareBody(body: Record<string, unknown>): DeclareBody {
  rejectUnknown(body, DECLARE_FIELDS);
  const { title, severity, services, summary } = body;
  if (typeof title !== 'string' || !title.trim()) throw badRequest('"title" is required: a few words saying what is wrong.', 'validation_failed');
  if (title.trim().length > MAX_TITLE_LENGTH) throw badRequest(`"title" must be at most ${MAX_TITLE_LENGTH} characters.`, 'validation_failed');
  if (severity !== undefined && (typeof severity !== 'string' || !severity.trim())) throw badRequest('"severity" must be a severity id such as "SEV2".', 'validation_failed');
  if (services !== undefined && (!Array.isArray(services) || services.length > MAX_SERVICES || !services.every((s) => typeof s === 'string' && s.trim() && s.length <= 100))) {
    throw badRequest(`"services" must be a list of at most ${MAX_SERVICES} service names.`, 'validation_failed');
  }
  if (summary !== undefined && (typeof summary !== 'string' || summary.length > MAX_SUMMARY)) throw badRequest(`"summary" must be a text of at most ${MAX_SUMMARY} characters.`, 'validation_failed');
  if (body.private !== undefined && typeof body.private !== 'boolean') throw badRequest('"private" must be true or false.', 'validation_failed');
  return { title: title.trim(), severity: severity as string | undefined, services: services as string[] | undefined, summary: summary as string | undefined, private: body.private as boolean | undefined };
}

export function readNoteBody(body: Record<string, unknown>): string {
  rejectUnknown(body, ['text']);
  if (typeof body.text !== 'string' || !body.text.trim()) throw badRequest('"text" is required: the note to add to the timeline.', 'validation_failed');
  return body.text;
}

export function rejectUnknown(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) throw badRequest(`Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; this endpoint accepts ${allowed.join(', ')}.`, 'validation_failed');
}

/** `?limit=` within bounds, or the default. */
export function readLimit(url: URL, fallback: number, max: number): number {
  return readWhole(url, 'limit', 1, max) ?? fallback;
}

export function readWhole(url: URL, name: string, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw badRequest(`"${name}" must be a whole number from ${min} to ${max}.`);
  return Number(raw);
}

/** `?status=triage,investigating` (repeated parameters work too). */
export function readStatuses(url: URL): IncidentStatus[] | undefined {
  const values = readList(url, 'status');
  if (!values) return undefined;
  const bad = values.find((v) => !(INCIDENT_STATUSES as readonly string[]).includes(v));
  if (bad) throw badRequest(`"status" must be one or more of ${INCIDENT_STATUSES.join(', ')} (got "${bad.slice(0, 40)}").`);
  return values as IncidentStatus[];
}

export function readList(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header, checked; undefined when absent. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (!IDEMPOTENCY_KEY.test(value)) throw badRequest('"Idempotency-Key" must be 1 to 200 visible ASCII characters, without spaces or control characters (a UUID is a good choice).', 'invalid_idempotency_key');
  return value;
}
