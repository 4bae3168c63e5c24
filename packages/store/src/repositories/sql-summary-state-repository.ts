import type { RollingSummary, SummaryStateRepository } from '@muster/core';
import { toRollingSummary, toSummaryStateRecord } from '../mappers/summary-state.mapper';
import { SummaryStateRecord } from '../records/summary-state.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlSummaryStateRepository implements SummaryStateRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  async get(incidentId: string, kind: string): Promise<RollingSummary | undefined> {
    const record = await this.db.selectOne(SummaryStateRecord, 'incident_id = ? AND kind = ?', [incidentId, kind]);
    return record ? toRollingSummary(record) : undefined;
  }

  async save(summary: RollingSummary): Promise<void> {
    await this.db.upsert(SummaryStateRecord, toSummaryStateRecord(summary), ['incidentId', 'kind'], ['coveredThrough', 'text', 'tokens', 'updatedAt']);
  }
}
