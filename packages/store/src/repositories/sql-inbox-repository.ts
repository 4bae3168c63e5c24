import type { InboxRepository } from '@muster/core';
import { checkKey, isDuplicateKey } from '../errors';
import { InboxRecord } from '../records/inbox.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlInboxRepository implements InboxRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  /** The primary key does the deduplication, also between instances. */
  async claim(key: string, at: Date): Promise<boolean> {
    checkKey(key);
    try {
      await this.db.insert(InboxRecord, [Object.assign(new InboxRecord(), { key, processedAt: at })]);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
