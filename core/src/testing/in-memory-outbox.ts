import type { EffectRecord, NewOutboxMessage, Outbox, OutboxMessage } from '../application/ports/outbox.port';
import { MusterError } from '../errors';
import { checkKey, copy, jsonCopy, type InMemoryDatabase, type OutboxRow, type UndoLog } from './in-memory-database';

/**
 * The outbox with the semantics of the SQL one: keys deduplicate, a claim leases messages (and counts
 * an attempt, so a message that crashes its worker still reaches the dead-letter limit), a failure
 * either reschedules or dead-letters.
 */
export class InMemoryOutbox implements Outbox {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog, private readonly clock: () => Date = () => new Date()) {}

  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    for (const m of messages) checkKey(m.idempotencyKey);
    for (const m of messages) {
      if (this.db.outboxKeys.has(m.idempotencyKey)) continue;
      const seq = this.db.sequences.next('outbox', this.undo);
      const now = this.clock();
      const row: OutboxRow = {
        id: String(seq), seq, topic: m.topic, payload: jsonCopy(m.payload), idempotencyKey: m.idempotencyKey,
        attempts: 0, availableAt: new Date(m.availableAt ?? now), createdAt: now, dead: false,
      };
      this.db.outbox.set(row.id, row, this.undo);
      this.db.outboxKeys.set(m.idempotencyKey, row.id, this.undo);
    }
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const due = [...this.db.outbox.values()]
      .filter((r) => !r.dead && !r.completedAt && r.availableAt <= now && (!r.leasedUntil || r.leasedUntil <= now))
      .sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime() || a.seq - b.seq)
      .slice(0, limit);
    const leasedUntil = new Date(now.getTime() + leaseMs);
    return due.map((r) => {
      const claimed: OutboxRow = { ...r, leasedUntil, attempts: r.attempts + 1 };
      this.db.outbox.set(r.id, claimed, this.undo);
      return messageOf(claimed);
    });
  }

  async renewLease(id: string, attempts: number, until: Date): Promise<boolean> {
    const row = this.db.outbox.get(id);
    if (!row || row.dead || row.completedAt || row.attempts !== attempts) return false;
    this.db.outbox.set(id, { ...row, leasedUntil: new Date(until) }, this.undo);
    return true;
  }

  async complete(id: string): Promise<void> {
    const row = this.existing(id);
    if (row.completedAt) return;
    const { leasedUntil: _, ...rest } = row;
    this.db.outbox.set(id, { ...rest, completedAt: this.clock() }, this.undo);
  }

  async fail(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    const { leasedUntil: _, ...row } = this.existing(id);
    const next: OutboxRow = retryAt ? { ...row, lastError: error, availableAt: new Date(retryAt) } : { ...row, lastError: error, dead: true };
    this.db.outbox.set(id, next, this.undo);
  }

  async releaseLeases(): Promise<number> {
    let released = 0;
    for (const row of [...this.db.outbox.values()]) {
      if (!row.leasedUntil || row.completedAt || row.dead) continue;
      const { leasedUntil: _, ...rest } = row;
      this.db.outbox.set(row.id, rest, this.undo);
      released++;
    }
    return released;
  }

  async deadLetterCount(): Promise<number> {
    let n = 0;
    for (const r of this.db.outbox.values()) if (r.dead) n++;
    return n;
  }

  async depth(): Promise<number> {
    let n = 0;
    const now = this.clock().getTime();
    for (const r of this.db.outbox.values()) if (!r.dead && !r.completedAt && (r.attempts > 0 || r.availableAt.getTime() <= now)) n++;
    return n;
  }

  /** Oldest first, so the first thing that broke is the first thing a person reads. */
  async deadLetters(limit: number): Promise<OutboxMessage[]> {
    return [...this.db.outbox.values()].filter((r) => r.dead).sort((a, b) => a.seq - b.seq).slice(0, limit).map(messageOf);
  }

  async beginEffect(effectKey: string): Promise<EffectRecord> {
    const known = this.db.effects.get(effectKey);
    const next: EffectRecord = known ? { ...known, begins: known.begins + 1 } : { effectKey, begunAt: this.clock(), begins: 1 };
    this.db.effects.set(effectKey, next, this.undo);
    return copy(next);
  }

  async completeEffect(effectKey: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    const known = this.db.effects.get(effectKey) ?? { effectKey, begunAt: this.clock(), begins: 1 };
    this.db.effects.set(effectKey, { ...known, result: jsonCopy(result) }, this.undo);
  }

  async effect(effectKey: string): Promise<EffectRecord | undefined> {
    const known = this.db.effects.get(effectKey);
    return known && copy(known);
  }

  private existing(id: string): OutboxRow {
    const row = this.db.outbox.get(id);
    if (!row) throw new MusterError('not_found', `Outbox message ${id} does not exist.`);
    return row;
  }
}

function messageOf(row: OutboxRow): OutboxMessage {
  const { id, topic, payload, idempotencyKey, attempts, availableAt, createdAt, lastError } = copy(row);
  return { id, topic, payload, idempotencyKey, attempts, availableAt, createdAt, ...(lastError !== undefined && { lastError }) };
}
