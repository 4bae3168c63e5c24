import { CHAT_PLATFORMS, MAX_ACTION_TEXT, type ChatPlatform, type PersonRef, type TransitionCommand } from '@muster/core';
import { badRequest } from '../http/http-error';
import { rejectUnknown } from './api-input';

/** Request checks of the REST change routes: each refusal is a 400 naming the field and what it accepts. */

/** REST names of the lifecycle actions, and the core command each one is. */
export const TRANSITION_ACTIONS = {
  acknowledge: 'ack', mitigate: 'mitigate', resolve: 'resolve', reopen: 'reopen', decline: 'decline', close: 'close', postmortem: 'postmortem',
} as const satisfies Record<string, TransitionCommand>;
export type TransitionAction = keyof typeof TRANSITION_ACTIONS;
const ACTION_NAMES = Object.keys(TRANSITION_ACTIONS);
const MAX_REASON = 500;
const MAX_PERSON_ID = 191;

const invalid = (message: string) => badRequest(message, 'validation_failed');

export function readTransitionBody(body: Record<string, unknown>): { action: TransitionAction; reason?: string } {
  rejectUnknown(body, ['action', 'reason']);
  if (typeof body.action !== 'string' || !ACTION_NAMES.includes(body.action)) throw invalid(`"action" is required: one of ${ACTION_NAMES.join(', ')}.`);
  if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > MAX_REASON)) throw invalid(`"reason" must be a text of at most ${MAX_REASON} characters.`);
  return { action: body.action as TransitionAction, reason: (body.reason as string | undefined)?.trim() || undefined };
}

export function readSeverityBody(body: Record<string, unknown>): string {
  rejectUnknown(body, ['severity']);
  if (typeof body.severity !== 'string' || !body.severity.trim()) throw invalid('"severity" is required: a severity id such as "SEV1".');
  return body.severity.trim();
}

/** `{platform, id, name?}`: a person on a chat platform, by that platform's user id. */
export function readPerson(value: unknown, field: string): PersonRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`"${field}" must be an object {"platform", "id", "name"?}.`);
  const p = value as Record<string, unknown>;
  const unknown = Object.keys(p).filter((k) => !['platform', 'id', 'name'].includes(k));
  if (unknown.length) throw invalid(`Unknown field "${field}.${unknown[0].slice(0, 40)}"; a person has platform, id and name.`);
  if (typeof p.platform !== 'string' || !(CHAT_PLATFORMS as readonly string[]).includes(p.platform)) throw invalid(`"${field}.platform" must be one of ${CHAT_PLATFORMS.join(', ')}.`);
  if (typeof p.id !== 'string' || !p.id.trim() || p.id.length > MAX_PERSON_ID) throw invalid(`"${field}.id" must be the platform's user id (1 to ${MAX_PERSON_ID} characters).`);
  if (p.name !== undefined && (typeof p.name !== 'string' || p.name.length > 200)) throw invalid(`"${field}.name" must be a text of at most 200 characters.`);
  return { platform: p.platform as ChatPlatform, id: p.id.trim(), ...(typeof p.name === 'string' && p.name.trim() && { name: p.name.trim() }) };
}

export function readRoleBody(body: Record<string, unknown>): PersonRef {
  rejectUnknown(body, ['person']);
  if (body.person === undefined) throw invalid('"person" is required: {"platform", "id"} of who takes the role.');
  return readPerson(body.person, 'person');
}

/** An ISO 8601 date-time with its zone (`2026-12-24T17:00:00Z`); whether it is in the future is core's to check. */
function readDueAt(value: unknown): Date {
  const at = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw invalid('"dueAt" must be an ISO 8601 date-time with a zone, e.g. "2026-12-24T17:00:00Z", or null to clear it.');
  return at;
}
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function readActionItemBody(body: Record<string, unknown>): { text: string; owner?: PersonRef; dueAt?: Date } {
  rejectUnknown(body, ['text', 'owner', 'dueAt']);
  if (typeof body.text !== 'string' || !body.text.trim()) throw invalid('"text" is required: what needs doing.');
  if (body.text.trim().length > MAX_ACTION_TEXT) throw invalid(`"text" must be at most ${MAX_ACTION_TEXT} characters; put the detail in a note.`);
  return {
    text: body.text.trim(), owner: body.owner === undefined || body.owner === null ? undefined : readPerson(body.owner, 'owner'),
    ...(body.dueAt !== undefined && body.dueAt !== null && { dueAt: readDueAt(body.dueAt) }),
  };
}

/** `{state: "done"}` completes; `{owner: {...}}` reassigns, `{owner: null}` clears the owner; `dueAt` likewise. */
export function readActionItemPatch(body: Record<string, unknown>): { complete: boolean; owner?: PersonRef | null; dueAt?: Date | null } {
  rejectUnknown(body, ['state', 'owner', 'dueAt']);
  if (body.state === undefined && body.owner === undefined && body.dueAt === undefined) {
    throw invalid('Send "state": "done" to complete the item, "owner" to reassign it, or "dueAt" to give it a due date.');
  }
  if (body.state !== undefined && body.state !== 'done') throw invalid('"state" can only be set to "done".');
  return {
    complete: body.state === 'done', owner: body.owner === undefined ? undefined : body.owner === null ? null : readPerson(body.owner, 'owner'),
    ...(body.dueAt !== undefined && { dueAt: body.dueAt === null ? null : readDueAt(body.dueAt) }),
  };
}
