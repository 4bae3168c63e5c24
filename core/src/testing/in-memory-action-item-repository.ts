import type { ActionItemRepository } from '../application/ports/repositories.port';
import type { ActionItem } from '../domain/action-item';
import { copy, jsonCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryActionItemRepository implements ActionItemRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async save(item: ActionItem): Promise<void> {
    const { owner, ticket, ...rest } = copy(item);
    this.db.actionItems.set(item.id, { ...rest, ...(owner && { owner: jsonCopy(owner) }), ...(ticket && { ticket: jsonCopy(ticket) }), createdBy: jsonCopy(item.createdBy) }, this.undo);
  }

  async findById(id: string): Promise<ActionItem | undefined> {
    const item = this.db.actionItems.get(id);
    return item && copy(item);
  }

  async listByIncident(incidentId: string): Promise<ActionItem[]> {
    return [...this.db.actionItems.values()]
      .filter((i) => i.incidentId === incidentId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copy);
  }

  async listByIncidents(incidentIds: readonly string[]): Promise<ActionItem[]> {
    const wanted = new Set(incidentIds);
    return [...this.db.actionItems.values()].filter((i) => wanted.has(i.incidentId)).map(copy);
  }
}
