import type { Postmortem, PostmortemRepository } from '@muster/core';
import { isDuplicateKey, staleCopy } from '../errors';
import { toPostmortem, toPostmortemRecord } from '../mappers/postmortem.mapper';
import { PostmortemRecord } from '../records/postmortem.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlPostmortemRepository implements PostmortemRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  async save(postmortem: Postmortem): Promise<Postmortem> {
    const record = toPostmortemRecord(postmortem, postmortem.version + 1);
    if (postmortem.version === 0) {
      try {
        await this.db.insert(PostmortemRecord, [record]);
      } catch (error) {
        // The same id, or a second postmortem for the incident: either way another copy got there first.
        if (isDuplicateKey(error)) throw staleCopy('This postmortem');
        throw error;
      }
    } else {
      const changes = { state: record.state, sections: record.sections, updatedAt: record.updatedAt };
      const matched = await this.db.update(PostmortemRecord, changes, 'id = ? AND version = ?', [postmortem.id, postmortem.version], 'version = version + 1');
      if (matched === 0) throw staleCopy('This postmortem');
    }
    return toPostmortem(record);
  }

  async findByIncident(incidentId: string): Promise<Postmortem | undefined> {
    const record = await this.db.selectOne(PostmortemRecord, 'incident_id = ?', [incidentId]);
    return record ? toPostmortem(record) : undefined;
  }
}
