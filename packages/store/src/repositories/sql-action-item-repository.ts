import type { ActionItem, ActionItemRepository } from '@muster/core';
import { toActionItem, toActionItemRecord } from '../mappers/action-item.mapper';
import { ActionItemRecord } from '../records/action-item.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlActionItemRepository implements ActionItemRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  async save(item: ActionItem): Promise<void> {
    await this.db.upsert(ActionItemRecord, toActionItemRecord(item), ['id'],
      ['incidentId', 'text', 'owner', 'state', 'createdBy', 'createdAt', 'updatedAt', 'ticket', 'dueAt']);
  }

  async findById(id: string): Promise<ActionItem | undefined> {
    const record = await this.db.selectOne(ActionItemRecord, 'id = ?', [id]);
    return record ? toActionItem(record) : undefined;
  }

  async listByIncident(incidentId: string): Promise<ActionItem[]> {
    return (await this.db.select(ActionItemRecord, 'incident_id = ?', [incidentId], ' ORDER BY created_at ASC, id ASC')).map(toActionItem);
  }

  async listByIncidents(incidentIds: readonly string[]): Promise<ActionItem[]> {
    if (!incidentIds.length) return [];
    return (await this.db.select(ActionItemRecord, `incident_id IN (${incidentIds.map(() => '?').join(', ')})`, [...incidentIds])).map(toActionItem);
  }
}
