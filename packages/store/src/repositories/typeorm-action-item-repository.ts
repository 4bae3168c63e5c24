import type { ActionItem, ActionItemRepository } from '@muster/core';
import { toActionItem, toActionItemRecord } from '../mappers/action-item.mapper';
import { ActionItemRecord } from '../records/action-item.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { upsertRow } from './sql-helpers';

export class TypeOrmActionItemRepository implements ActionItemRepository {
  constructor(private readonly tx: TransactionContext) {}

  async save(item: ActionItem): Promise<void> {
    await upsertRow(this.tx.manager, ActionItemRecord, toActionItemRecord(item),
      ['incident_id', 'text', 'owner', 'state', 'created_by', 'created_at', 'updated_at', 'ticket'], ['id']);
  }

  async findById(id: string): Promise<ActionItem | undefined> {
    const record = await this.tx.manager.findOneBy(ActionItemRecord, { id });
    return record ? toActionItem(record) : undefined;
  }

  async listByIncident(incidentId: string): Promise<ActionItem[]> {
    const records = await this.tx.manager.find(ActionItemRecord, { where: { incidentId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return records.map(toActionItem);
  }
}
