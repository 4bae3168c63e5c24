import type { InboxRepository } from '@muster/core';
import { isDuplicateKey } from '../errors';
import { InboxRecord } from '../records/inbox.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { insertRows } from './sql-helpers';

export class TypeOrmInboxRepository implements InboxRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** The primary key does the deduplication, also between instances. */
  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await insertRows(this.tx.manager, InboxRecord, [Object.assign(new InboxRecord(), { key, processedAt: at })]);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
