import { MusterError, staleCopyError } from '../errors';
import type { EffectRecord, OutboxMessage } from '../application/ports/outbox.port';
import type { AlertGroupLink } from '../application/ports/repositories.port';
import type { RollingSummary } from '../application/ports/summarizer.port';
import type { ActionItem } from '../domain/action-item';
import type { IncidentState } from '../domain/incident';
import type { Postmortem } from '../domain/postmortem';
import type { Service } from '../domain/service';
import type { StatusUpdate } from '../domain/status-update';
import type { TimelineEntry } from '../domain/timeline';

/**
 * The state behind the in-memory repositories, and the undo log that makes `InMemoryUnitOfWork.run`
 * transactional. Every write goes through `InMemoryTable.set/delete`; inside a transaction the table
 * records how to put the previous row back, so a failed unit of work can be rolled back key by key
 * without copying whole maps (and without undoing writes made outside it meanwhile).
 */
export class UndoLog {
  private readonly steps: (() => void)[] = [];

  record(step: () => void): void {
    this.steps.push(step);
  }

  /** Puts every touched row back as it was, newest change first. */
  rollback(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]!();
    this.steps.length = 0;
  }
}

export class InMemoryTable<V> {
  private readonly rows = new Map<string, V>();

  get(key: string): V | undefined {
    return this.rows.get(key);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  values(): IterableIterator<V> {
    return this.rows.values();
  }

  get size(): number {
    return this.rows.size;
  }

  set(key: string, value: V, undo: UndoLog | undefined): void {
    this.remember(key, undo);
    this.rows.set(key, value);
  }

  delete(key: string, undo: UndoLog | undefined): void {
    this.remember(key, undo);
    this.rows.delete(key);
  }

  private remember(key: string, undo: UndoLog | undefined): void {
    if (!undo) return;
    const had = this.rows.has(key);
    const previous = this.rows.get(key);
    undo.record(() => (had ? this.rows.set(key, previous as V) : this.rows.delete(key)));
  }
}

/** Named counters (incident numbers, timeline positions, outbox ids), rolled back like rows. */
export class InMemorySequences {
  private readonly table = new InMemoryTable<number>();

  next(name: string, undo: UndoLog | undefined): number {
    const value = (this.table.get(name) ?? 0) + 1;
    this.table.set(name, value, undo);
    return value;
  }
}

/**
 * A deep copy, so callers never share an object with the store. Values that a database keeps in a
 * JSON column go through `jsonCopy` instead, so in-memory tests see what SQL stores would return
 * (Dates inside JSON come back as strings, undefined members disappear).
 */
export const copy = <T>(value: T): T => structuredClone(value);
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every table of the in-memory store. One instance is one database; share it between repositories and the unit of work. */
export class InMemoryDatabase {
  readonly incidents = new InMemoryTable<IncidentState>();
  readonly timeline = new InMemoryTable<TimelineEntry>();
  /** idempotency key → entry id: the unique index of the SQL stores. */
  readonly timelineKeys = new InMemoryTable<string>();
  readonly actionItems = new InMemoryTable<ActionItem>();
  readonly statusUpdates = new InMemoryTable<StatusUpdate>();
  readonly postmortems = new InMemoryTable<Postmortem>();
  readonly services = new InMemoryTable<Service>();
  readonly inbox = new InMemoryTable<Date>();
  readonly outbox = new InMemoryTable<OutboxRow>();
  readonly outboxKeys = new InMemoryTable<string>();
  /** The effect log: effect key → what is known about that remote step. */
  readonly effects = new InMemoryTable<EffectRecord>();
  readonly summaries = new InMemoryTable<RollingSummary>();
  /** alertGroupKey(group) → its link. */
  readonly alertGroups = new InMemoryTable<AlertGroupLink>();
  readonly sequences = new InMemorySequences();
}

/** An outbox message with the bookkeeping the port does not expose. */
export interface OutboxRow extends OutboxMessage {
  /** Arrival order, to hand out due messages first in, first out. */
  readonly seq: number;
  readonly leasedUntil?: Date;
  readonly dead: boolean;
  readonly completedAt?: Date;
}

export const staleCopy = staleCopyError;

/** Longest idempotency key, as in the SQL stores (whose unique index has a length limit). */
const MAX_KEY_LENGTH = 512;

export function checkKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH) {
    throw new MusterError('invalid_argument', `An idempotency key is ${key.length} characters; keys stop at ${MAX_KEY_LENGTH}. Build it from ids, not from content.`);
  }
}
