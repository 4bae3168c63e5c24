import type { ServiceRepository } from '../application/ports/repositories.port';
import { serviceNameKey, type Service } from '../domain/service';
import { MusterError } from '../errors';
import { jsonCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryServiceRepository implements ServiceRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async save(service: Service): Promise<void> {
    const namesake = this.named(service.tenantId, service.name);
    if (namesake && namesake.id !== service.id) throw new MusterError('duplicate', `A service named "${service.name}" already exists; pick another name or edit that one.`);
    this.db.services.set(service.id, jsonCopy(service), this.undo);
  }

  async findByName(tenantId: string, name: string): Promise<Service | undefined> {
    const found = this.named(tenantId, name);
    return found && jsonCopy(found);
  }

  /** By name, so catalogues read the same in every store. */
  async list(tenantId: string): Promise<Service[]> {
    return [...this.db.services.values()].filter((s) => s.tenantId === tenantId)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((s) => jsonCopy(s));
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    const found = this.named(tenantId, name);
    if (!found) return false;
    this.db.services.delete(found.id, this.undo);
    return true;
  }

  private named(tenantId: string, name: string): Service | undefined {
    const key = serviceNameKey(name);
    return [...this.db.services.values()].find((s) => s.tenantId === tenantId && serviceNameKey(s.name) === key);
  }
}
