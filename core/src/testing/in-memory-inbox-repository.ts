import type { InboxRepository } from '../application/ports/repositories.port';
import { checkKey, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryInboxRepository implements InboxRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async claim(key: string, at: Date): Promise<boolean> {
    checkKey(key);
    if (this.db.inbox.has(key)) return false;
    this.db.inbox.set(key, new Date(at), this.undo);
    return true;
  }
}
