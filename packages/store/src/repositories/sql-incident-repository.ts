import { formatReference, MusterError, referenceNumber, type ConversationRef, type Incident, type IncidentFilter, type IncidentRepository, type IncidentStatus } from '@muster/core';
import { isDuplicateKey, staleCopy } from '../errors';
import { toIncident, toIncidentRecord, toRoleRecords, toRoomRecords } from '../mappers/incident.mapper';
import { IncidentRecord } from '../records/incident.record';
import { IncidentRoleRecord } from '../records/incident-role.record';
import { IncidentRoomRecord } from '../records/incident-room.record';
import { Db } from '../sql/db';
import { placeholders, type Statement } from '../sql/sql';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { takeSequenceRow } from '../unit-of-work/sequence-lock-order';

export class SqlIncidentRepository implements IncidentRepository {
  private readonly db: Db;

  constructor(private readonly tx: TransactionContext) {
    this.db = new Db(tx);
  }

  /**
   * A row in `sequences`, bumped inside the caller's transaction: the row lock serializes declarations
   * across instances, and a rolled-back declaration gives its number back.
   */
  async nextNumber(tenantId: string): Promise<number> {
    // One counter per tenant, made by the tenant's first declaration.
    const name = `incident:${tenantId}`;
    if (this.db.dialect === 'mysql') {
      if (this.tx.unit) takeSequenceRow(this.tx.unit, name);
      // LAST_INSERT_ID(expr) hands the new value back in the same round trip, as the OK packet's insert id.
      const { insertId } = await this.db.run(
        'INSERT INTO sequences (name, value) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)', [name]);
      return Number(insertId);
    }
    const { rows } = await this.db.run('INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value', [name]);
    return Number(rows[0]!.value);
  }

  async save(incident: Incident): Promise<void> {
    const state = incident.snapshot();
    const version = state.version + 1;
    const record = toIncidentRecord(state, version);
    // Roles and rooms ride with the incident's own statement where they can (one round trip on MySQL).
    const roles = this.db.insertStatement(IncidentRoleRecord, toRoleRecords(state));
    const rooms = this.db.insertStatement(IncidentRoomRecord, toRoomRecords(state));
    if (state.version === 0) {
      // Rooms apart: a room another incident holds must fail as itself, not as a duplicate incident.
      await this.insert(record, roles);
      await this.db.batch([rooms]);
    } else {
      const { id: _, version: __, ...changes } = record;
      const matched = await this.db.update(IncidentRecord, changes, 'id = ? AND version = ?', [state.id, state.version], 'version = version + 1');
      if (matched === 0) throw staleCopy(formatReference(state.number));
      await this.db.batch([
        { sql: 'DELETE FROM incident_roles WHERE incident_id = ?', params: [state.id] },
        { sql: 'DELETE FROM incident_rooms WHERE incident_id = ?', params: [state.id] },
        roles, rooms,
      ]);
    }
    incident.markSaved(version);
    // Later saves in this unit need the new version at once; but should the unit fail or its transaction
    // be lost (and the unit run again after a deadlock), the copy must say what the database still has.
    this.tx.unit?.undo.push(() => incident.markSaved(state.version));
  }

  /** The new incident's row, and its roles in the same round trip (a new id's roles cannot clash). */
  private async insert(record: IncidentRecord, roles: Statement | undefined): Promise<void> {
    try {
      await this.db.batch([this.db.insertStatement(IncidentRecord, [record]), roles]);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Same id: another copy of this new incident was saved first. Same number: two declarations got one number.
      if (await this.db.exists(IncidentRecord, 'id = ?', [record.id])) throw staleCopy(formatReference(record.number));
      throw new MusterError('duplicate', `${formatReference(record.number)} already exists; declare again to get a new number.`, {}, { cause: error });
    }
  }

  async findById(id: string): Promise<Incident | undefined> {
    return (await this.withRoles(await this.db.select(IncidentRecord, 'id = ?', [id])))[0];
  }

  async findByNumber(tenantId: string, number: number): Promise<Incident | undefined> {
    return (await this.withRoles(await this.db.select(IncidentRecord, `tenant_id = ? AND ${this.q('number')} = ?`, [tenantId, number])))[0];
  }

  /** The incident whose rooms include this one: a room belongs to one incident (room-setup refuses a taken room). */
  async findByRoom(room: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): Promise<Incident | undefined> {
    const records = await this.db.select(IncidentRecord,
      'id IN (SELECT incident_id FROM incident_rooms WHERE platform = ? AND workspace_id = ? AND conversation_id = ?)',
      [room.platform, room.workspaceId, room.conversationId], ` ORDER BY ${this.q('number')} DESC LIMIT 1`);
    return (await this.withRoles(records))[0];
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    if (filter.limit !== undefined && filter.limit <= 0) return [];
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    const within = (column: string, values: readonly string[] | undefined) => {
      if (!values) return;
      where.push(values.length ? `${column} IN (${placeholders(values.length)})` : '1 = 0');
      params.push(...values);
    };
    if (filter.tenantId !== undefined) {
      where.push('tenant_id = ?');
      params.push(filter.tenantId);
    }
    within('status', filter.statuses);
    within('severity', filter.severities);
    if (filter.excludePrivate) where.push(`${this.q('private')} = 0`);
    if (filter.beforeNumber !== undefined) {
      where.push(`${this.q('number')} < ?`);
      params.push(filter.beforeNumber);
    }
    if (filter.afterNumber !== undefined) {
      where.push(`${this.q('number')} > ?`);
      params.push(filter.afterNumber);
    }
    const text = filter.text?.trim();
    if (text) {
      const byNumber = referenceNumber(text);
      const contains = `%${escapeLike(asciiLower(text))}%`;
      where.push(`(LOWER(title) LIKE ? ESCAPE '!' OR LOWER(summary) LIKE ? ESCAPE '!'${byNumber !== undefined ? ` OR ${this.q('number')} = ?` : ''})`);
      params.push(contains, contains, ...(byNumber !== undefined ? [byNumber] : []));
    }
    if (filter.service !== undefined) {
      // `services` is a JSON array of strings: the name in its JSON quotes matches one element exactly.
      where.push(`LOWER(services) LIKE ? ESCAPE '!'`);
      params.push(`%${escapeLike(JSON.stringify(asciiLower(filter.service)))}%`);
    }
    const codec = this.db.codec(IncidentRecord);
    if (filter.declaredFrom !== undefined) {
      where.push('declared_at >= ?');
      params.push(codec.param('declaredAt', filter.declaredFrom));
    }
    if (filter.declaredBefore !== undefined) {
      where.push('declared_at < ?');
      params.push(codec.param('declaredAt', filter.declaredBefore));
    }
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.floor(filter.limit)}` : '';
    return this.withRoles(await this.db.select(IncidentRecord, where.join(' AND '), params, ` ORDER BY ${this.q('number')} ${filter.oldestFirst ? 'ASC' : 'DESC'}${limit}`));
  }

  async countByStatusAndSeverity(): Promise<{ status: IncidentStatus; severity: string; count: number }[]> {
    const { rows } = await this.db.run('SELECT status, severity, COUNT(*) AS n FROM incidents GROUP BY status, severity');
    return rows.map((r) => ({ status: r.status as IncidentStatus, severity: String(r.severity), count: Number(r.n) }));
  }

  /** One query for the roles of every incident given, then the aggregates. */
  private async withRoles(records: IncidentRecord[]): Promise<Incident[]> {
    if (records.length === 0) return [];
    const roles = await this.db.select(IncidentRoleRecord, `incident_id IN (${placeholders(records.length)})`, records.map((r) => r.id));
    return records.map((record) => toIncident(record, roles.filter((r) => r.incidentId === record.id)));
  }

  /** `number` and `private` are words SQL reserves somewhere: always quote them. */
  private q(property: 'number' | 'private'): string {
    return this.db.codec(IncidentRecord).col(property);
  }
}

/** `!` escapes LIKE's wildcards (`%`, `_`) and itself: a backslash means different things in MariaDB and SQLite literals. */
const escapeLike = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

/** SQLite's LOWER folds ASCII only; the parameter is folded the same way on every database. */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());
