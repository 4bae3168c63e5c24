import { MusterError, type Service, type ServiceRepository } from '@muster/core';
import { Not } from 'typeorm';
import { isDuplicateKey } from '../errors';
import { toService, toServiceRecord } from '../mappers/service.mapper';
import { ServiceRecord } from '../records/service.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows, insertRows } from './sql-helpers';

export class TypeOrmServiceRepository implements ServiceRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * UPDATE by id, else INSERT. Not an upsert statement: services have two unique keys (id, name) and
   * MySQL's ON DUPLICATE KEY would treat a clash on the name as "this row", overwriting another service.
   */
  async save(service: Service): Promise<void> {
    const { id, ...changes } = toServiceRecord(service);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const result = await this.tx.manager.createQueryBuilder().update(ServiceRecord).set(changes).where('id = :id', { id }).execute();
        if (affectedRows(result) > 0) return;
        await insertRows(this.tx.manager, ServiceRecord, [toServiceRecord(service)]);
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await this.tx.manager.existsBy(ServiceRecord, { name: service.name, id: Not(id) })) {
          throw new MusterError('duplicate', `A service named "${service.name}" already exists; pick another name or edit that one.`, {}, { cause: error });
        }
        // Someone inserted this very service between our UPDATE and INSERT: update it on the second pass.
      }
    }
  }

  async findByName(name: string): Promise<Service | undefined> {
    const record = await this.tx.manager.findOneBy(ServiceRecord, { name });
    return record ? toService(record) : undefined;
  }

  async list(): Promise<Service[]> {
    return (await this.tx.manager.find(ServiceRecord, { order: { name: 'ASC' } })).map(toService);
  }
}
