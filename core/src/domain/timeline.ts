import { MusterError } from '../errors';
import type { PersonRef } from './person';

export const TIMELINE_KINDS = [
  'declared', 'message', 'command', 'status_change', 'severity_change', 'role_change', 'note', 'highlight',
  'alert', 'integration', 'update_published', 'ai_draft', 'action_item', 'room', 'file', 'reminder', 'workflow',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Where the message behind an entry lives, so edits, deletions and pins can find it again. */
export interface ExternalMessageRef {
  readonly platform: string;
  readonly conversationId: string;
  readonly messageId: string;
  /** Thread parent, when the message is a reply. */
  readonly threadId?: string;
}

export interface TimelineRevision {
  readonly text: string;
  readonly at: Date;
}

export interface TimelineEntry {
  readonly id: string;
  readonly incidentId: string;
  /** Order of arrival, assigned by the repository; summaries use it to ask for "everything since N". */
  readonly position?: number;
  readonly kind: TimelineKind;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  /** Undefined for Muster itself (system entries). */
  readonly actor?: PersonRef;
  /** `slack`, `teams`, `console`, `api`, `system`, `ai`, or a plugin id. */
  readonly source: string;
  readonly text: string;
  /** Structured detail for the kind (from/to for changes, url for files, alert labels...). */
  readonly data: Readonly<Record<string, unknown>>;
  /** `slack:<event_id>`, `teams:<activity.id>`, `webhook:<id>`: the same key is stored once. */
  readonly idempotencyKey: string;
  readonly highlighted: boolean;
  readonly external?: ExternalMessageRef;
  /** Earlier texts, oldest first, when the message was edited in chat. */
  readonly revisions: readonly TimelineRevision[];
  readonly deletedAt?: Date;
}

export const MAX_TIMELINE_TEXT = 40_000;

export type NewTimelineEntry = Omit<TimelineEntry, 'position' | 'revisions' | 'highlighted' | 'data'> &
  Partial<Pick<TimelineEntry, 'highlighted' | 'data'>>;

export function timelineEntry(input: NewTimelineEntry): TimelineEntry {
  if (!input.idempotencyKey) throw new MusterError('invalid_argument', 'A timeline entry needs an idempotency key.');
  return {
    ...input,
    text: storableText(input.text),
    data: input.data ?? {},
    highlighted: input.highlighted ?? false,
    revisions: [],
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What chat said, as every store can keep it: a lone UTF-16 surrogate (valid in JSON, refused by
 * MariaDB's utf8mb4) becomes U+FFFD rather than failing the message, and a long text is cut on a
 * character boundary, never inside an emoji.
 */
export function storableText(text: string): string {
  const whole = text.replace(LONE_SURROGATE, '\uFFFD');
  if (whole.length <= MAX_TIMELINE_TEXT) return whole;
  const cut = /[\uD800-\uDBFF]/.test(whole[MAX_TIMELINE_TEXT - 1]!) ? MAX_TIMELINE_TEXT - 1 : MAX_TIMELINE_TEXT;
  return `${whole.slice(0, cut)}… [truncated]`;
}

/** A chat edit: keep the earlier text as a revision rather than losing it. */
export function reviseEntry(entry: TimelineEntry, text: string, at: Date): TimelineEntry {
  const revised = storableText(text);
  if (entry.text === revised) return entry;
  return { ...entry, text: revised, revisions: [...entry.revisions, { text: entry.text, at }] };
}

/**
 * A chat deletion: the entry stays (the record shows something was said and removed) but its text
 * and revisions go, because people delete messages that should never have been kept (a pasted secret).
 */
export function deleteEntry(entry: TimelineEntry, at: Date): TimelineEntry {
  return { ...entry, text: '', revisions: [], deletedAt: at };
}
