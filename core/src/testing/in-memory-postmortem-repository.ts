import type { PostmortemRepository } from '../application/ports/repositories.port';
import type { Postmortem } from '../domain/postmortem';
import { copy, jsonCopy, staleCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryPostmortemRepository implements PostmortemRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async save(postmortem: Postmortem): Promise<Postmortem> {
    const stored = this.db.postmortems.get(postmortem.id);
    // One postmortem per incident: a second fresh one for the same incident lost a race to the first.
    const otherForIncident = [...this.db.postmortems.values()].some((p) => p.incidentId === postmortem.incidentId && p.id !== postmortem.id);
    const fresh = postmortem.version === 0 ? !stored && !otherForIncident : stored?.version === postmortem.version;
    if (!fresh) throw staleCopy('This postmortem');
    const saved: Postmortem = { ...copy(postmortem), sections: jsonCopy(postmortem.sections), version: postmortem.version + 1 };
    this.db.postmortems.set(postmortem.id, saved, this.undo);
    return copy(saved);
  }

  async findByIncident(incidentId: string): Promise<Postmortem | undefined> {
    const found = [...this.db.postmortems.values()].find((p) => p.incidentId === incidentId);
    return found && copy(found);
  }
}
