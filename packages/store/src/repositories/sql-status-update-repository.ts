import type { StatusUpdate, StatusUpdateRepository } from '@muster/core';
import { isDuplicateKey, staleCopy } from '../errors';
import { toStatusUpdate, toStatusUpdateRecord } from '../mappers/status-update.mapper';
import { StatusUpdateRecord } from '../records/status-update.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlStatusUpdateRepository implements StatusUpdateRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  /** Version 0 inserts; later versions update only the row still at the version this copy was loaded at. */
  async save(update: StatusUpdate): Promise<StatusUpdate> {
    const record = toStatusUpdateRecord(update, update.version + 1);
    if (update.version === 0) {
      try {
        await this.db.insert(StatusUpdateRecord, [record]);
      } catch (error) {
        if (isDuplicateKey(error)) throw staleCopy('This status update');
        throw error;
      }
    } else {
      const { id: _, version: __, ...changes } = record;
      const matched = await this.db.update(StatusUpdateRecord, changes, 'id = ? AND version = ?', [update.id, update.version], 'version = version + 1');
      if (matched === 0) throw staleCopy('This status update');
    }
    return toStatusUpdate(record);
  }

  async findById(id: string): Promise<StatusUpdate | undefined> {
    const record = await this.db.selectOne(StatusUpdateRecord, 'id = ?', [id]);
    return record ? toStatusUpdate(record) : undefined;
  }

  async listByIncident(incidentId: string): Promise<StatusUpdate[]> {
    return (await this.db.select(StatusUpdateRecord, 'incident_id = ?', [incidentId], ' ORDER BY created_at ASC, id ASC')).map(toStatusUpdate);
  }
}
