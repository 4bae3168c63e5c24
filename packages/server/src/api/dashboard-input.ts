import { AUDIENCES, MAX_SECTION_LENGTH, MAX_UPDATE_LENGTH, type Audience } from '@muster/core';
import { badRequest } from '../http/http-error';
import { rejectUnknown } from './api-input';

/**
 * Request checks of the routes that match the dashboard: status-update drafts and their approval,
 * postmortem sections, the incident list's date filters. Each refusal is a 400 naming the field.
 */

const invalid = (message: string) => badRequest(message, 'validation_failed');
const MAX_VERSION = 1_000_000_000;
const MAX_REASON = 500;
const MAX_QUERY_TEXT = 200;

function readVersion(value: unknown, field: string, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_VERSION) {
    throw invalid(`"${field}" is required: the ${what} you read (a whole number, from GET of the same resource).`);
  }
  return value;
}

function readAudience(value: unknown): Audience {
  if (value === undefined) return 'internal';
  if (typeof value !== 'string' || !(AUDIENCES as readonly string[]).includes(value)) throw invalid(`"audience" must be one of ${AUDIENCES.join(', ')}.`);
  return value as Audience;
}

function readText(value: unknown, field: string, max: number, required: string): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(`"${field}" is required: ${required}.`);
  if (value.trim().length > max) throw invalid(`"${field}" must be at most ${max} characters (this one has ${value.trim().length}).`);
  return value;
}

/** `{audience?, body?}`: with a body, a draft written by hand; without one, a request for an AI draft. */
export function readUpdateRequest(body: Record<string, unknown>): { audience: Audience; body?: string } {
  rejectUnknown(body, ['audience', 'body']);
  const audience = readAudience(body.audience);
  if (body.body === undefined) return { audience };
  return { audience, body: readText(body.body, 'body', MAX_UPDATE_LENGTH, 'the text of the update, or leave it out to ask for an AI draft') };
}

/** `{body, version}`: the new text and the version of the draft it was written over. */
export function readUpdateEdit(body: Record<string, unknown>): { body: string; version: number } {
  rejectUnknown(body, ['body', 'version']);
  const text = readText(body.body, 'body', MAX_UPDATE_LENGTH, 'the new text of the update');
  return { body: text, version: readVersion(body.version, 'version', 'version of the draft') };
}

/** `{version}`: an approval names the version the approver read, and only that one is published. */
export function readApproval(body: Record<string, unknown>): number {
  rejectUnknown(body, ['version']);
  return readVersion(body.version, 'version', 'version of the draft');
}

export function readRejection(body: Record<string, unknown>): string | undefined {
  rejectUnknown(body, ['reason']);
  if (body.reason === undefined || body.reason === null) return undefined;
  if (typeof body.reason !== 'string' || body.reason.length > MAX_REASON) throw invalid(`"reason" must be a text of at most ${MAX_REASON} characters.`);
  return body.reason.trim() || undefined;
}

/** `{body, revision}`: the section's new text (empty clears it) and the revision it was written from. */
export function readSectionEdit(body: Record<string, unknown>): { body: string; revision: number } {
  rejectUnknown(body, ['body', 'revision']);
  if (typeof body.body !== 'string') throw invalid('"body" is required: the section\'s new text (an empty text clears it).');
  if (body.body.trim().length > MAX_SECTION_LENGTH) {
    throw invalid(`"body" must be at most ${MAX_SECTION_LENGTH} characters (this one has ${body.body.trim().length}); link a longer document from the section instead.`);
  }
  return { body: body.body, revision: readVersion(body.revision, 'revision', 'revision of the section') };
}

/** A review needs no fields; an empty object is the whole body. */
export function readNothing(body: Record<string, unknown>): Record<string, never> {
  rejectUnknown(body, []);
  return {};
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `?declaredFrom=2026-12-01` (midnight UTC) or a date-time with its zone; a date that does not exist is refused. */
export function readInstant(url: URL, name: string): Date | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const at = DATE.test(raw) ? new Date(`${raw}T00:00:00Z`) : DATE_TIME.test(raw) ? new Date(raw) : undefined;
  if (!at || Number.isNaN(at.getTime()) || !isCalendarDate(raw.slice(0, 10))) throw badRequest(`"${name}" must be an ISO 8601 date (2026-12-01, midnight UTC) or date-time with a zone (2026-12-01T09:30:00Z).`);
  return at;
}

/** `2026-02-30` parses as 2 March in some engines; a day past its month's end is refused instead. */
function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The declaration window: from (inclusive) before (exclusive), in order. */
export function readDeclaredWindow(url: URL): { declaredFrom?: Date; declaredBefore?: Date } {
  const declaredFrom = readInstant(url, 'declaredFrom');
  const declaredBefore = readInstant(url, 'declaredBefore');
  if (declaredFrom && declaredBefore && declaredFrom >= declaredBefore) throw badRequest('"declaredFrom" must be earlier than "declaredBefore".');
  return { ...(declaredFrom && { declaredFrom }), ...(declaredBefore && { declaredBefore }) };
}

/** `?q=` words to find in the title, summary or reference; `?service=` one service name. */
export function readSearch(url: URL): { q?: string; service?: string } {
  const q = url.searchParams.get('q')?.trim();
  const service = url.searchParams.get('service')?.trim();
  if (q && q.length > MAX_QUERY_TEXT) throw badRequest(`"q" must be at most ${MAX_QUERY_TEXT} characters.`);
  if (service && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(service)) throw badRequest('"service" must be a service name (letters, digits, ".", "_", "-"; at most 100 characters).');
  return { ...(q && { q }), ...(service && { service }) };
}
