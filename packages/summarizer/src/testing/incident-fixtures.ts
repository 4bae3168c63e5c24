import {
  timelineReaderOf,
  DEFAULT_ROLES, durationsOf, timelineEntry,
  type Audience, type IncidentState, type PersonRef, type RollingSummary, type SummaryKind, type SummaryRequest,
  type SummaryStateRepository, type TimelineEntry, type TimelineKind,
} from '@muster/core';

/**
 * Incident material for the summarizer's specs, integration tests and benchmark. Not exported from
 * the package index: import it from `@muster/summarizer/dist/testing/incident-fixtures`.
 */
export const alice: PersonRef = { platform: 'slack', id: 'U01ALICE', name: 'Alice Martin' };
export const bob: PersonRef = { platform: 'slack', id: 'U02BOB', name: 'Bob Okafor' };
export const carol: PersonRef = { platform: 'teams', id: '5f1c-carol', name: 'Carol Nguyen' };

export const T0 = new Date('2025-03-04T09:58:00Z');
export const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

export function incidentState(overrides: Partial<IncidentState> = {}): IncidentState {
  return {
    id: 'inc-42',
    tenantId: 'default',
    number: 42,
    title: 'Checkout fails for EU customers',
    summary: 'Card payments time out at the payment gateway',
    severity: 'SEV1',
    status: 'investigating',
    private: false,
    services: ['checkout-api', 'payments'],
    roles: [
      { role: 'commander', person: alice, assignedAt: minutes(4), assignedBy: alice },
      { role: 'sme', person: carol, assignedAt: minutes(12), assignedBy: alice },
    ],
    milestones: { detected: T0, declared: minutes(4), acknowledged: minutes(6) },
    links: { rooms: [], external: [] },
    declaredBy: alice,
    source: 'slack',
    createdAt: minutes(4),
    updatedAt: minutes(40),
    version: 3,
    ...overrides,
  };
}

/** Builds a timeline oldest first, with positions 1, 2, 3... as a repository would assign them. */
export class TimelineBuilder {
  private readonly entries: TimelineEntry[] = [];

  constructor(private readonly incidentId = 'inc-42') {}

  add(kind: TimelineKind, at: Date, text: string, options: { actor?: PersonRef; data?: Record<string, unknown>; highlighted?: boolean } = {}): this {
    const position = this.entries.length + 1;
    const entry = timelineEntry({
      id: `e${position}`, incidentId: this.incidentId, kind, occurredAt: at, recordedAt: at, actor: options.actor,
      source: options.actor ? options.actor.platform : 'system', text, data: options.data, highlighted: options.highlighted,
      idempotencyKey: `test:${this.incidentId}:${position}`,
    });
    this.entries.push({ ...entry, position });
    return this;
  }

  message(at: Date, actor: PersonRef, text: string, highlighted = false): this {
    return this.add('message', at, text, { actor, highlighted });
  }

  note(at: Date, actor: PersonRef, text: string): this {
    return this.add('note', at, text, { actor });
  }

  status(at: Date, actor: PersonRef, from: string, to: string): this {
    return this.add('status_change', at, `Status ${from} → ${to}`, { actor, data: { from, to } });
  }

  severity(at: Date, actor: PersonRef, from: string, to: string): this {
    return this.add('severity_change', at, `Severity ${from} → ${to}`, { actor, data: { from, to } });
  }

  action(at: Date, actor: PersonRef, id: string, text: string, state: 'open' | 'done' = 'open', owner?: PersonRef): this {
    return this.add('action_item', at, text, { actor, data: { actionItemId: id, text, state, ...(owner && { owner }) } });
  }

  /** Replace an entry (an edit or deletion in chat), keeping its position. */
  replace(position: number, change: (e: TimelineEntry) => TimelineEntry): this {
    this.entries[position - 1] = change(this.entries[position - 1]);
    return this;
  }

  build(): TimelineEntry[] {
    return [...this.entries];
  }
}

/** A small but complete incident: declared, escalated, investigated, with notes, a question and actions. */
export function sampleTimeline(): TimelineEntry[] {
  return new TimelineBuilder()
    .add('declared', minutes(4), 'Incident declared: Checkout fails for EU customers', { actor: alice })
    .severity(minutes(5), alice, 'SEV2', 'SEV1')
    .status(minutes(6), alice, 'triage', 'investigating')
    .message(minutes(8), bob, 'Gateway p99 is 4500ms since the 09:55 deploy of checkout-api v2.14.1')
    .message(minutes(10), carol, 'DB replica lag on db-eu-3.prod.internal is 40s; see alice.martin@example.com for the runbook')
    .message(minutes(12), bob, 'Rolling back checkout-api to v2.14.0 now', true)
    .note(minutes(15), alice, 'Rollback started by Bob; EU traffic shifted to the US region meanwhile')
    .message(minutes(18), carol, 'Is the US region also seeing elevated errors?')
    .action(minutes(20), alice, 'a1', 'Add an alert on replica lag above 10s', 'open', carol)
    .action(minutes(21), alice, 'a2', 'Pin the gateway client version', 'done')
    .build();
}

export function summaryRequest(kind: SummaryKind, options: { incident?: IncidentState; timeline?: readonly TimelineEntry[]; audience?: Audience } = {}): SummaryRequest {
  const incident = options.incident ?? incidentState();
  return {
    kind,
    audience: options.audience,
    incident,
    durations: durationsOf(incident.milestones),
    roleLabels: Object.fromEntries(DEFAULT_ROLES.map((r) => [r.id, r.label])),
    // Positions 1, 2, 3… as a repository would assign them, when the fixture's entries have none.
    timeline: timelineReaderOf(options.timeline ?? sampleTimeline()),
  };
}

export const dan: PersonRef = { platform: 'slack', id: 'U04DAN', name: 'Dan Reyes' };

/**
 * A payments incident as rooms really sound: the salient lines among chit-chat, a repeated report,
 * a mention, and Muster's own entries (a highlighted published update, an AI draft, status changes)
 * that must never be quoted as what people found. Times: 10:00 = minutes(2).
 */
export function paymentsTimeline(): TimelineEntry[] {
  return new TimelineBuilder('inc-43')
    .add('declared', minutes(2), 'Incident declared: Card payments failing', { actor: alice })
    .message(minutes(3), carol, 'joining')
    .message(minutes(4), bob, 'Seeing 30% auth declines from Adyen')
    .message(minutes(4), dan, '+1')
    .message(minutes(5), alice, 'thanks Bob')
    .message(minutes(5), dan, 'seeing 30% auth declines from adyen too')
    .message(minutes(6), carol, 'payments-api error rate is 12%, mostly HTTP 502 from the gateway client since the 09:50 deploy')
    .status(minutes(7), alice, 'triage', 'investigating')
    .add('update_published', minutes(8), 'We are investigating elevated payment failures caused by a third-party provider outage.', { highlighted: true })
    .message(minutes(9), alice, 'Decision: we roll back payments-api to v3.8.1, <@slack:U02BOB> please go ahead')
    .message(minutes(10), dan, 'ok 👍')
    .add('ai_draft', minutes(11), 'Draft: payment failures were caused by Adyen.')
    .message(minutes(12), bob, 'Rolled back payments-api', true)
    .message(minutes(13), carol, 'brb')
    .message(minutes(14), bob, 'auth declines back to 0.4%, error rate normal')
    .status(minutes(15), alice, 'investigating', 'mitigated')
    .message(minutes(16), alice, 'Do we need to replay the failed captures?')
    .message(minutes(17), dan, 'lgtm, thanks all')
    .build();
}

const PHRASES = [
  'checking the gateway dashboards, p99 still around {n}ms',
  'replica lag on the EU cluster is {n}s and climbing',
  'restarted pod checkout-api-{n}, watching error rate',
  'customer tickets up to {n} in the last ten minutes',
  'deploy freeze confirmed, nobody ship anything until we are green',
  'traffic shift to US region at {n}% now',
  'the connection pool is saturated again, bumping max to {n}',
  'can someone confirm whether the card issuer retries are idempotent?',
];

/** A long, busy incident: `count` chat messages among status changes, notes and highlights. */
export function longTimeline(count: number): TimelineEntry[] {
  const people = [alice, bob, carol];
  const b = new TimelineBuilder().add('declared', minutes(0), 'Incident declared: Checkout fails for EU customers', { actor: alice });
  for (let i = 0; i < count; i++) {
    const at = new Date(T0.getTime() + i * 20_000);
    const text = PHRASES[i % PHRASES.length].replace('{n}', String((i * 37) % 900 + 10));
    if (i === Math.floor(count / 3)) b.status(at, alice, 'triage', 'investigating');
    if (i % 250 === 0) b.note(at, alice, `Checkpoint ${i / 250}: still degraded, next step is a wider rollback`);
    b.message(at, people[i % people.length], text, i % 500 === 0);
  }
  return b.build();
}

/** An in-memory `SummaryStateRepository`, until core ships one. */
export class MemorySummaryState implements SummaryStateRepository {
  readonly saved: RollingSummary[] = [];
  private readonly rows = new Map<string, RollingSummary>();

  async get(incidentId: string, kind: string): Promise<RollingSummary | undefined> {
    return this.rows.get(`${incidentId}/${kind}`);
  }

  async save(summary: RollingSummary): Promise<void> {
    this.saved.push(summary);
    this.rows.set(`${summary.incidentId}/${summary.kind}`, summary);
  }
}
