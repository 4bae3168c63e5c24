import type { ServiceRepository } from '../application/ports/repositories.port';
import type { Service } from '../domain/service';
import { MusterError } from '../errors';
import { copy, jsonCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryServiceRepository implements ServiceRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async save(service: Service): Promise<void> {
    const namesake = [...this.db.services.values()].find((s) => s.name === service.name && s.id !== service.id);
    if (namesake) throw new MusterError('duplicate', `A service named "${service.name}" already exists; pick another name or edit that one.`);
    this.db.services.set(service.id, { ...copy(service), owners: jsonCopy(service.owners), subjectMatterExperts: jsonCopy(service.subjectMatterExperts), runbooks: jsonCopy(service.runbooks) }, this.undo);
  }

  async findByName(name: string): Promise<Service | undefined> {
    const found = [...this.db.services.values()].find((s) => s.name === name);
    return found && copy(found);
  }

  /** By name, so catalogues read the same in every store. */
  async list(): Promise<Service[]> {
    return [...this.db.services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(copy);
  }
}
