import { MusterError, serviceNameKey, type Service, type ServiceRepository } from '@muster/core';
import { isDuplicateKey } from '../errors';
import { toService, toServiceRecord } from '../mappers/service.mapper';
import { ServiceRecord } from '../records/service.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

/** The catalogue, one tenant at a time: every statement names the tenant, so no read crosses tenants. */
export class SqlServiceRepository implements ServiceRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  /**
   * UPDATE by id, else INSERT. Not an upsert statement: services have two unique keys (id, tenant and
   * name) and MySQL's ON DUPLICATE KEY would treat a clash on the name as "this row", overwriting another service.
   */
  async save(service: Service): Promise<void> {
    const record = toServiceRecord(service);
    const { id, ...changes } = record;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if ((await this.db.update(ServiceRecord, changes, 'id = ?', [id])) > 0) return;
        await this.db.insert(ServiceRecord, [record]);
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await this.db.exists(ServiceRecord, 'tenant_id = ? AND name_key = ? AND id <> ?', [service.tenantId, record.nameKey, id])) {
          throw new MusterError('duplicate', `A service named "${service.name}" already exists; pick another name or edit that one.`, {}, { cause: error });
        }
        // Someone inserted this very service between our UPDATE and INSERT: update it on the second pass.
      }
    }
  }

  async findByName(tenantId: string, name: string): Promise<Service | undefined> {
    const record = await this.db.selectOne(ServiceRecord, 'tenant_id = ? AND name_key = ?', [tenantId, serviceNameKey(name)]);
    return record ? toService(record) : undefined;
  }

  async list(tenantId: string): Promise<Service[]> {
    return (await this.db.select(ServiceRecord, 'tenant_id = ?', [tenantId], ' ORDER BY name ASC')).map(toService);
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    const { affected } = await this.db.run('DELETE FROM services WHERE tenant_id = ? AND name_key = ?', [tenantId, serviceNameKey(name)]);
    return affected > 0;
  }
}
