import type { StatusUpdate, StatusUpdateRepository } from '@muster/core';
import { isDuplicateKey, staleCopy } from '../errors';
import { toStatusUpdate, toStatusUpdateRecord } from '../mappers/status-update.mapper';
import { StatusUpdateRecord } from '../records/status-update.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows, insertRows } from './sql-helpers';

export class TypeOrmStatusUpdateRepository implements StatusUpdateRepository {
  constructor(private readonly tx: TransactionContext) {}

  /** Version 0 inserts; later versions update only the row still at the version this copy was loaded at. */
  async save(update: StatusUpdate): Promise<StatusUpdate> {
    const version = update.version + 1;
    const record = toStatusUpdateRecord(update, version);
    if (update.version === 0) {
      try {
        await insertRows(this.tx.manager, StatusUpdateRecord, [record]);
      } catch (error) {
        if (isDuplicateKey(error)) throw staleCopy('This status update');
        throw error;
      }
    } else {
      const { id: _, version: __, ...changes } = record;
      const result = await this.tx.manager.createQueryBuilder().update(StatusUpdateRecord)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: update.id, version: update.version })
        .execute();
      if (affectedRows(result) === 0) throw staleCopy('This status update');
    }
    return toStatusUpdate(record);
  }

  async findById(id: string): Promise<StatusUpdate | undefined> {
    const record = await this.tx.manager.findOneBy(StatusUpdateRecord, { id });
    return record ? toStatusUpdate(record) : undefined;
  }

  async listByIncident(incidentId: string): Promise<StatusUpdate[]> {
    const records = await this.tx.manager.find(StatusUpdateRecord, { where: { incidentId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map(toStatusUpdate);
  }
}
