import type { StatusUpdateRepository } from '../application/ports/repositories.port';
import type { StatusUpdate } from '../domain/status-update';
import { copy, jsonCopy, staleCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryStatusUpdateRepository implements StatusUpdateRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async save(update: StatusUpdate): Promise<StatusUpdate> {
    const stored = this.db.statusUpdates.get(update.id);
    const fresh = update.version === 0 ? !stored : stored?.version === update.version;
    if (!fresh) throw staleCopy('This status update');
    const saved = asStored({ ...update, version: update.version + 1 });
    this.db.statusUpdates.set(update.id, saved, this.undo);
    return copy(saved);
  }

  async findById(id: string): Promise<StatusUpdate | undefined> {
    const update = this.db.statusUpdates.get(id);
    return update && copy(update);
  }

  async listByIncident(incidentId: string): Promise<StatusUpdate[]> {
    return [...this.db.statusUpdates.values()]
      .filter((u) => u.incidentId === incidentId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copy);
  }
}

/** JSON columns (author, people, targets) as a SQL store returns them; optional members absent, not undefined. */
function asStored(update: StatusUpdate): StatusUpdate {
  const { editedBy, decidedBy, decidedAt, rejectionReason, publishedAt, ...rest } = copy(update);
  return {
    ...rest,
    author: jsonCopy(update.author),
    publishedTo: jsonCopy(update.publishedTo),
    ...(editedBy && { editedBy: jsonCopy(editedBy) }),
    ...(decidedBy && { decidedBy: jsonCopy(decidedBy) }),
    ...(decidedAt && { decidedAt }),
    ...(rejectionReason !== undefined && { rejectionReason }),
    ...(publishedAt && { publishedAt }),
  };
}
