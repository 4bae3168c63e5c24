import type { Postmortem, PostmortemRepository } from '@muster/core';
import { isDuplicateKey, staleCopy } from '../errors';
import { toPostmortem, toPostmortemRecord } from '../mappers/postmortem.mapper';
import { PostmortemRecord } from '../records/postmortem.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows, insertRows } from './sql-helpers';

export class TypeOrmPostmortemRepository implements PostmortemRepository {
  constructor(private readonly tx: TransactionContext) {}

  async save(postmortem: Postmortem): Promise<Postmortem> {
    const version = postmortem.version + 1;
    const record = toPostmortemRecord(postmortem, version);
    if (postmortem.version === 0) {
      try {
        await insertRows(this.tx.manager, PostmortemRecord, [record]);
      } catch (error) {
        // The same id, or a second postmortem for the incident: either way another copy got there first.
        if (isDuplicateKey(error)) throw staleCopy('This postmortem');
        throw error;
      }
    } else {
      const result = await this.tx.manager.createQueryBuilder().update(PostmortemRecord)
        .set({ state: record.state, sections: record.sections, updatedAt: record.updatedAt, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: postmortem.id, version: postmortem.version })
        .execute();
      if (affectedRows(result) === 0) throw staleCopy('This postmortem');
    }
    return toPostmortem(record);
  }

  async findByIncident(incidentId: string): Promise<Postmortem | undefined> {
    const record = await this.tx.manager.findOneBy(PostmortemRecord, { incidentId });
    return record ? toPostmortem(record) : undefined;
  }
}
