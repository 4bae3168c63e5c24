import { type EffectRecord, MusterError, type NewOutboxMessage, type Outbox, type OutboxMessage } from '@muster/core';
import { checkKey } from '../errors';
import { toOutboxMessage, toOutboxRecord } from '../mappers/outbox.mapper';
import { OutboxRecord } from '../records/outbox.record';
import { Db } from '../sql/db';
import { placeholders } from '../sql/sql';
import { SqlEffectLog } from './sql-effect-log';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

/** Long stack traces are for logs; the outbox keeps enough to tell what went wrong. */
const MAX_ERROR_LENGTH = 4000;

export class SqlOutbox implements Outbox {
  private readonly db: Db;
  private readonly effects: SqlEffectLog;

  constructor(tx: TransactionContext, private readonly clock: () => Date = () => new Date()) {
    this.db = new Db(tx);
    this.effects = new SqlEffectLog(this.db, clock);
  }

  beginEffect(effectKey: string): Promise<EffectRecord> {
    return this.effects.beginEffect(effectKey);
  }

  completeEffect(effectKey: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    return this.effects.completeEffect(effectKey, result);
  }

  effect(effectKey: string): Promise<EffectRecord | undefined> {
    return this.effects.effect(effectKey);
  }

  /** One INSERT for the batch; a known key is left as it is (the upsert rewrites the key with itself). */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    for (const m of messages) checkKey(m.idempotencyKey);
    const now = this.clock();
    const codec = this.db.codec(OutboxRecord);
    const { sql, params } = codec.insert(messages.map((m) => toOutboxRecord(m, now)));
    const key = codec.col('idempotencyKey');
    const ignoreKnown = this.db.dialect === 'mysql' ? ` ON DUPLICATE KEY UPDATE ${key} = ${key}` : ` ON CONFLICT (${key}) DO NOTHING`;
    await this.db.run(sql + ignoreKnown, params);
  }

  /**
   * Due messages, oldest first, leased until `now + leaseMs` and counted as an attempt. On MySQL the
   * rows are read with FOR UPDATE SKIP LOCKED, so several instances claiming at once each get different
   * messages instead of waiting on each other; on SQLite one process owns the file.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    const codec = this.db.codec(OutboxRecord);
    const at = codec.param('availableAt', now);
    const lock = this.db.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const due = await this.db.select(OutboxRecord,
      'dead = 0 AND completed_at IS NULL AND available_at <= ? AND (leased_until IS NULL OR leased_until <= ?)',
      [at, at], ` ORDER BY available_at ASC, id ASC LIMIT ${Math.floor(limit)}${lock}`);
    if (due.length === 0) return [];
    const leasedUntil = new Date(now.getTime() + leaseMs);
    await this.db.update(OutboxRecord, { leasedUntil }, `id IN (${placeholders(due.length)})`, due.map((r) => r.id), 'attempts = attempts + 1');
    return due.map((r) => toOutboxMessage({ ...r, attempts: r.attempts + 1 }));
  }

  /** One conditional UPDATE: the row changes only while it is unfinished and still at the claim's attempt count. */
  async renewLease(id: string, attempts: number, until: Date): Promise<boolean> {
    const matched = await this.db.update(OutboxRecord, { leasedUntil: until }, 'id = ? AND attempts = ? AND completed_at IS NULL AND dead = 0', [id, attempts]);
    return matched > 0;
  }

  async complete(id: string): Promise<void> {
    const matched = await this.db.update(OutboxRecord, { completedAt: this.clock(), leasedUntil: null }, 'id = ? AND completed_at IS NULL', [id]);
    if (matched === 0) await this.mustExist(id);
  }

  async fail(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    const lastError = error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}… [truncated]` : error;
    const change: Partial<OutboxRecord> = retryAt ? { lastError, availableAt: retryAt, leasedUntil: null } : { lastError, dead: true, leasedUntil: null };
    if ((await this.db.update(OutboxRecord, change, 'id = ?', [id])) === 0) await this.mustExist(id);
  }

  async releaseLeases(): Promise<number> {
    return this.db.update(OutboxRecord, { leasedUntil: null }, 'leased_until IS NOT NULL AND completed_at IS NULL AND dead = 0', []);
  }

  async deadLetterCount(): Promise<number> {
    const { rows } = await this.db.run('SELECT COUNT(*) AS n FROM outbox WHERE dead = 1');
    return Number(rows[0]!.n);
  }

  /** A timer not yet due and never tried is scheduled work, not a backlog (Outbox.depth). */
  async depth(): Promise<number> {
    const now = this.db.codec(OutboxRecord).param('availableAt', this.clock());
    const { rows } = await this.db.run('SELECT COUNT(*) AS n FROM outbox WHERE dead = 0 AND completed_at IS NULL AND (attempts > 0 OR available_at <= ?)', [now]);
    return Number(rows[0]!.n);
  }

  /** Oldest first, so the first thing that broke is the first thing a person reads. */
  async deadLetters(limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    return (await this.db.select(OutboxRecord, 'dead = 1', [], ` ORDER BY id ASC LIMIT ${Math.floor(limit)}`)).map(toOutboxMessage);
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.db.exists(OutboxRecord, 'id = ?', [id]))) throw new MusterError('not_found', `Outbox message ${id} does not exist.`);
  }
}
