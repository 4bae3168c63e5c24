import type { z } from 'zod';
import type { WebhookRequest } from '../capabilities/alert-source';
import { PayloadError } from '../errors';
import { truncate } from './text';

/** A reason is answered to the sender in a 400: long enough to act on, short enough for a log line. */
const MAX_REASON = 300;

/**
 * The request's JSON body read by `schema`: the typed value, or a `PayloadError` whose reason names
 * the field (`alerts[0].labels must be an object`). Never throws anything else, whatever the body.
 */
export function readPayload<S extends z.ZodType>(request: Pick<WebhookRequest, 'body' | 'rawBody'>, schema: S): z.output<S> {
  if (request.body === undefined) {
    throw new PayloadError(request.rawBody.length === 0 ? 'the body is empty: send the JSON payload' : 'the body is not JSON');
  }
  return readValue(request.body, schema);
}

/** Like `readPayload`, for a value already in hand (a nested JSON string, a form field). */
export function readValue<S extends z.ZodType>(value: unknown, schema: S): z.output<S> {
  let result: z.ZodSafeParseResult<z.output<S>>;
  try {
    result = schema.safeParse(value) as z.ZodSafeParseResult<z.output<S>>;
  } catch (error) {
    // A transform or refinement that throws is the plugin's bug, but the contract is PayloadError only.
    throw new PayloadError('the payload could not be read', { cause: error });
  }
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = describeIssue(issues[0]!, value);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new PayloadError(truncate(first, MAX_REASON - more.length) + more);
}

/** `['alerts', 0, 'labels']` → `alerts[0].labels`; the top level is `the body`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the body';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else {
      const name = truncate(String(key), 40);
      text += /^[A-Za-z_$][\w$]*$/.test(name) ? `${text ? '.' : ''}${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return text;
}

const KINDS: Readonly<Record<string, string>> = {
  object: 'an object', record: 'an object', map: 'an object', array: 'a list', tuple: 'a list', set: 'a list',
  string: 'a string', number: 'a number', int: 'a whole number', bigint: 'a whole number', boolean: 'true or false',
  date: 'a date', null: 'null',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const at = fieldPath(issue.path);
  const absent = issue.path.length > 0 && valueAt(input, issue.path) === undefined;
  if (absent && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) return `${at} is missing`;
  switch (issue.code) {
    case 'invalid_type':
      return `${at} must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${at} must be ${issue.values.length === 1 ? '' : 'one of '}${truncate(issue.values.map((v) => JSON.stringify(v)).join(', '), 120)}`;
    case 'too_big':
    case 'too_small':
      return `${at} ${bound(issue)}`;
    case 'invalid_format':
      return `${at} must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `${at} has unknown field${issue.keys.length > 1 ? 's' : ''} ${truncate(issue.keys.join(', '), 80)}`;
    case 'invalid_union':
      return `${at} matches none of the accepted forms`;
    default:
      // Custom refinements carry the plugin's own wording.
      return `${at}: ${issue.message}`;
  }
}

function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = String(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const most = big ? 'at most' : 'at least';
  const s = limit === '1' ? '' : 's';
  switch (issue.origin) {
    case 'string': return `must have ${most} ${limit} character${s}`;
    case 'array': case 'set': return `must have ${most} ${limit} item${s}`;
    default: return `must be ${most} ${limit}`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
