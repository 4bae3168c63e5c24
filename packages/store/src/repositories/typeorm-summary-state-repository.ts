import type { RollingSummary, SummaryStateRepository } from '@muster/core';
import { toRollingSummary, toSummaryStateRecord } from '../mappers/summary-state.mapper';
import { SummaryStateRecord } from '../records/summary-state.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { upsertRow } from './sql-helpers';

export class TypeOrmSummaryStateRepository implements SummaryStateRepository {
  constructor(private readonly tx: TransactionContext) {}

  async get(incidentId: string, kind: string): Promise<RollingSummary | undefined> {
    const record = await this.tx.manager.findOneBy(SummaryStateRecord, { incidentId, kind });
    return record ? toRollingSummary(record) : undefined;
  }

  async save(summary: RollingSummary): Promise<void> {
    await upsertRow(this.tx.manager, SummaryStateRecord, toSummaryStateRecord(summary), ['covered_through', 'text', 'tokens', 'updated_at'], ['incident_id', 'kind']);
  }
}
