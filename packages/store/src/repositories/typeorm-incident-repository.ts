import { formatReference, MusterError, type ConversationRef, type Incident, type IncidentFilter, type IncidentRepository, type IncidentStatus } from '@muster/core';
import { In } from 'typeorm';
import { isDuplicateKey, staleCopy } from '../errors';
import { toIncident, toIncidentRecord, toRoleRecords, toRoomRecords } from '../mappers/incident.mapper';
import { IncidentRecord } from '../records/incident.record';
import { IncidentRoleRecord } from '../records/incident-role.record';
import { IncidentRoomRecord } from '../records/incident-room.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows, insertRows } from './sql-helpers';

export class TypeOrmIncidentRepository implements IncidentRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * A row in `sequences`, bumped inside the caller's transaction: the row lock serializes declarations
   * across instances, and a rolled-back declaration gives its number back.
   */
  async nextNumber(): Promise<number> {
    if (this.tx.dialect === 'mysql') {
      // LAST_INSERT_ID(expr) hands the new value back in the same round trip, as the result's insertId.
      const result = (await this.tx.manager.query(`UPDATE sequences SET value = LAST_INSERT_ID(value + 1) WHERE name = 'incident'`)) as { insertId: number | string };
      return Number(result.insertId);
    }
    const rows = (await this.tx.manager.query(`UPDATE sequences SET value = value + 1 WHERE name = 'incident' RETURNING value`)) as { value: number }[];
    return Number(rows[0]!.value);
  }

  async save(incident: Incident): Promise<void> {
    const state = incident.snapshot();
    const version = state.version + 1;
    const record = toIncidentRecord(state, version);
    const { manager } = this.tx;
    if (state.version === 0) {
      await this.insert(record);
    } else {
      const { id: _, version: __, ...changes } = record;
      const result = await manager.createQueryBuilder().update(IncidentRecord)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: state.id, version: state.version })
        .execute();
      if (affectedRows(result) === 0) throw staleCopy(formatReference(state.number));
      await manager.delete(IncidentRoleRecord, { incidentId: state.id });
      await manager.delete(IncidentRoomRecord, { incidentId: state.id });
    }
    await insertRows(manager, IncidentRoleRecord, toRoleRecords(state));
    await insertRows(manager, IncidentRoomRecord, toRoomRecords(state));
    incident.markSaved(version);
  }

  private async insert(record: IncidentRecord): Promise<void> {
    try {
      await insertRows(this.tx.manager, IncidentRecord, [record]);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Same id: another copy of this new incident was saved first. Same number: two declarations got one number.
      if (await this.tx.manager.existsBy(IncidentRecord, { id: record.id })) throw staleCopy(formatReference(record.number));
      throw new MusterError('duplicate', `${formatReference(record.number)} already exists; declare again to get a new number.`, {}, { cause: error });
    }
  }

  async findById(id: string): Promise<Incident | undefined> {
    return this.withRoles(await this.tx.manager.findOneBy(IncidentRecord, { id }));
  }

  async findByNumber(number: number): Promise<Incident | undefined> {
    return this.withRoles(await this.tx.manager.findOneBy(IncidentRecord, { number }));
  }

  async findByRoom(room: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): Promise<Incident | undefined> {
    const record = await this.tx.manager.createQueryBuilder(IncidentRecord, 'i')
      .innerJoin(IncidentRoomRecord, 'r', 'r.incident_id = i.id')
      .where('r.platform = :platform AND r.workspace_id = :workspaceId AND r.conversation_id = :conversationId', {
        platform: room.platform, workspaceId: room.workspaceId, conversationId: room.conversationId,
      })
      .orderBy('i.number', 'DESC')
      .limit(1)
      .getOne();
    return this.withRoles(record ?? null);
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const query = this.tx.manager.createQueryBuilder(IncidentRecord, 'i').orderBy('i.number', 'DESC');
    if (filter.statuses) query.andWhere(filter.statuses.length ? 'i.status IN (:...statuses)' : '1 = 0', { statuses: filter.statuses });
    if (filter.severities) query.andWhere(filter.severities.length ? 'i.severity IN (:...severities)' : '1 = 0', { severities: filter.severities });
    if (filter.excludePrivate) query.andWhere('i.private = :private', { private: false });
    if (filter.beforeNumber !== undefined) query.andWhere('i.number < :before', { before: filter.beforeNumber });
    if (filter.limit !== undefined) {
      if (filter.limit <= 0) return [];
      query.limit(filter.limit);
    }
    const records = await query.getMany();
    if (records.length === 0) return [];
    const roles = await this.tx.manager.findBy(IncidentRoleRecord, { incidentId: In(records.map((r) => r.id)) });
    return records.map((record) => toIncident(record, roles.filter((r) => r.incidentId === record.id)));
  }

  async countByStatusAndSeverity(): Promise<{ status: IncidentStatus; severity: string; count: number }[]> {
    const rows = await this.tx.manager.createQueryBuilder(IncidentRecord, 'i')
      .select('i.status', 'status').addSelect('i.severity', 'severity').addSelect('COUNT(*)', 'count')
      .groupBy('i.status').addGroupBy('i.severity')
      .getRawMany<{ status: IncidentStatus; severity: string; count: number | string }>();
    return rows.map((r) => ({ status: r.status, severity: r.severity, count: Number(r.count) }));
  }

  private async withRoles(record: IncidentRecord | null): Promise<Incident | undefined> {
    if (!record) return undefined;
    return toIncident(record, await this.tx.manager.findBy(IncidentRoleRecord, { incidentId: record.id }));
  }
}
