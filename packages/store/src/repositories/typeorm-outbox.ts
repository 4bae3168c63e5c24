import { MusterError, type NewOutboxMessage, type Outbox, type OutboxMessage } from '@muster/core';
import { toOutboxMessage, toOutboxRecord } from '../mappers/outbox.mapper';
import { OutboxRecord } from '../records/outbox.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows } from './sql-helpers';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Long stack traces are for logs; the outbox keeps enough to tell what went wrong. */
const MAX_ERROR_LENGTH = 4000;

export class TypeOrmOutbox implements Outbox {
  constructor(private readonly tx: TransactionContext, private readonly clock: () => Date = () => new Date()) {}

  /** One INSERT for the batch; a known key is left as it is (the upsert rewrites the key with itself). */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const now = this.clock();
    await this.tx.manager.createQueryBuilder().insert().into(OutboxRecord)
      .values(messages.map((m) => toOutboxRecord(m, now)) as QueryDeepPartialEntity<OutboxRecord>[])
      .orUpdate(['idempotency_key'], ['idempotency_key'])
      .updateEntity(false)
      .execute();
  }

  /**
   * Due messages, oldest first, leased until `now + leaseMs` and counted as an attempt. On MySQL the
   * rows are read with FOR UPDATE SKIP LOCKED, so several instances claiming at once each get different
   * messages instead of waiting on each other; on SQLite one process owns the file.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    const query = this.tx.manager.createQueryBuilder(OutboxRecord, 'o')
      .where('o.dead = :dead AND o.completed_at IS NULL AND o.available_at <= :now', { dead: false, now })
      .andWhere('(o.leased_until IS NULL OR o.leased_until <= :now)', { now })
      .orderBy('o.available_at', 'ASC').addOrderBy('o.id', 'ASC')
      .limit(limit);
    if (this.tx.dialect === 'mysql') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    const due = await query.getMany();
    if (due.length === 0) return [];
    const leasedUntil = new Date(now.getTime() + leaseMs);
    await this.tx.manager.createQueryBuilder().update(OutboxRecord)
      .set({ leasedUntil, attempts: () => 'attempts + 1' })
      .where('id IN (:...ids)', { ids: due.map((r) => r.id) })
      .execute();
    return due.map((r) => toOutboxMessage({ ...r, attempts: r.attempts + 1 }));
  }

  async complete(id: string): Promise<void> {
    const result = await this.tx.manager.createQueryBuilder().update(OutboxRecord)
      .set({ completedAt: this.clock(), leasedUntil: null })
      .where('id = :id AND completed_at IS NULL', { id })
      .execute();
    if (affectedRows(result) === 0) await this.mustExist(id);
  }

  async fail(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    const lastError = error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}… [truncated]` : error;
    const result = await this.tx.manager.createQueryBuilder().update(OutboxRecord)
      .set(retryAt ? { lastError, availableAt: retryAt, leasedUntil: null } : { lastError, dead: true, leasedUntil: null })
      .where('id = :id', { id })
      .execute();
    if (affectedRows(result) === 0) await this.mustExist(id);
  }

  async depth(): Promise<number> {
    return this.tx.manager.createQueryBuilder(OutboxRecord, 'o').where('o.dead = :dead AND o.completed_at IS NULL', { dead: false }).getCount();
  }

  async deadLetters(limit: number): Promise<OutboxMessage[]> {
    if (limit <= 0) return [];
    const records = await this.tx.manager.find(OutboxRecord, { where: { dead: true }, order: { id: 'ASC' }, take: limit });
    return records.map(toOutboxMessage);
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.tx.manager.existsBy(OutboxRecord, { id }))) throw new MusterError('not_found', `Outbox message ${id} does not exist.`);
  }
}
