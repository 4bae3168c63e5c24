import { formatDuration, formatReference, type IncidentState, type SummaryRequest, type TimelineEntry } from '@muster/core';
import type { PeopleAliases } from '../redaction/people-aliases';
import type { Redactor } from '../redaction/redact';
import { truncateToTokens } from '../tokens/token-counter';

/** One timeline entry as the model sees it: short keys, because 10,000 entries pay for every byte. */
export interface QuotedEntry {
  /** Time UTC, to the minute. */
  readonly at: string;
  readonly kind: string;
  /** A person handle, or absent for Muster's own entries. */
  readonly by?: string;
  /** Pinned or reacted-to as a highlight. */
  readonly pin?: true;
  /** For action items: open, done or cancelled, so a finished one is not reported as pending. */
  readonly state?: string;
  readonly text: string;
}

/** How text is made safe before it goes anywhere near a model. */
export interface Sanitizer {
  readonly aliases: PeopleAliases;
  readonly redactor: Redactor;
}

export function sanitize(text: string, s: Sanitizer): string {
  // Names first: a name can contain an email-like string, and placeholders must not look like names.
  return s.redactor.redact(s.aliases.hide(text));
}

/**
 * Entries left out of every prompt: deleted ones (people delete what should never have been kept, a
 * pasted secret) and Muster's own earlier AI drafts (summarising our own output would compound errors).
 */
export function isQuotable(entry: TimelineEntry): boolean {
  return !entry.deletedAt && entry.kind !== 'ai_draft' && entry.text.trim().length > 0;
}

export function quoteEntry(entry: TimelineEntry, s: Sanitizer, maxEntryTokens: number): QuotedEntry {
  const by = s.aliases.handleOf(entry.actor);
  const text = truncateToTokens(sanitize(entry.text, s), maxEntryTokens);
  const state = entry.kind === 'action_item' && typeof entry.data.state === 'string' ? entry.data.state : undefined;
  return { at: minute(entry.occurredAt), kind: entry.kind, ...(by && { by }), ...(entry.highlighted && { pin: true as const }), ...(state && { state }), text };
}

/** The incident's current record, sanitised the same way as the chat; people by handle, roles by label. */
export function quoteIncident(request: SummaryRequest, s: Sanitizer): Record<string, unknown> {
  const i: IncidentState = request.incident;
  const milestones = Object.fromEntries(Object.entries(i.milestones).filter(([, at]) => at).map(([m, at]) => [m, minute(at as Date)]));
  const d = request.durations;
  const durations = Object.fromEntries(
    Object.entries({ time_to_acknowledge: d.timeToAcknowledge, time_to_mitigate: d.timeToMitigate, time_to_resolve: d.timeToResolve })
      .filter(([, ms]) => ms !== undefined)
      .map(([k, ms]) => [k, formatDuration(ms)]),
  );
  return {
    reference: formatReference(i.number),
    title: sanitize(i.title, s),
    ...(i.summary && { summary: truncateToTokens(sanitize(i.summary, s), HEADER_SUMMARY_TOKENS) }),
    severity: i.severity,
    status: i.status,
    services: i.services.slice(0, MAX_HEADER_ITEMS).map((svc) => sanitize(svc, s)),
    roles: i.roles.slice(0, MAX_HEADER_ITEMS).map((r) => ({ role: request.roleLabels[r.role] ?? r.role, who: s.aliases.handleOf(r.person) ?? '[person]' })),
    milestones,
    durations,
  };
}

/** The header stays small whatever the incident holds, so the reserve for instructions always suffices. */
const HEADER_SUMMARY_TOKENS = 300;
const MAX_HEADER_ITEMS = 30;

const minute = (d: Date): string => d.toISOString().slice(0, 16) + 'Z';
