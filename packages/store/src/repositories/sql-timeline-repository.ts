import { MusterError, type ExternalMessageRef, type TimelineEntry, type TimelineQuery, type TimelineRepository } from '@muster/core';
import { checkKey, isDuplicateKey } from '../errors';
import { mutableParts, toTimelineEntry, toTimelineRecord } from '../mappers/timeline-entry.mapper';
import { TimelineEntryRecord } from '../records/timeline-entry.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

export class SqlTimelineRepository implements TimelineRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  /**
   * A plain INSERT; the unique index on the idempotency key turns a redelivery into a duplicate-key
   * error, which we answer with `false`. (A failed statement does not end the transaction on either
   * database, so this is safe inside a unit of work.)
   */
  async append(entry: TimelineEntry): Promise<boolean> {
    checkKey(entry.idempotencyKey);
    try {
      await this.db.insert(TimelineEntryRecord, [toTimelineRecord(entry)]);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (await this.db.exists(TimelineEntryRecord, 'idempotency_key = ?', [entry.idempotencyKey])) return false;
      throw new MusterError('duplicate', `Timeline entry ${entry.id} is already stored under another idempotency key.`, {}, { cause: error });
    }
  }

  /**
   * One multi-row INSERT that skips known keys (instead of failing on them). When it skipped none (the
   * database says so: SQLite's changes, MySQL's `Duplicates: 0`), every entry is stored; otherwise one
   * SELECT learns which rows are ours: an entry was stored when the row under its key carries its id.
   */
  async appendMany(entries: readonly TimelineEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    for (const entry of entries) checkKey(entry.idempotencyKey);
    const codec = this.db.codec(TimelineEntryRecord);
    const { sql, params } = codec.insert(entries.map(toTimelineRecord));
    const key = codec.col('idempotencyKey');
    const skipKnown = this.db.dialect === 'mysql' ? ` ON DUPLICATE KEY UPDATE ${key} = ${key}` : ` ON CONFLICT (${key}) DO NOTHING`;
    const inserted = await this.db.run(sql + skipKnown, params);
    const noneSkipped = this.db.dialect === 'mysql' ? inserted.duplicates === 0 : inserted.affected === entries.length;
    if (noneSkipped) return entries.map(() => true);
    const keys = [...new Set(entries.map((e) => e.idempotencyKey))];
    const { rows } = await this.db.run(`SELECT ${codec.col('id')} AS id, ${key} AS k FROM timeline_entries WHERE ${key} IN (${keys.map(() => '?').join(', ')})`, keys);
    const owner = new Map(rows.map((r) => [String(r.k), String(r.id)]));
    return entries.map((e) => owner.get(e.idempotencyKey) === e.id);
  }

  async list(incidentId: string, query: TimelineQuery = {}): Promise<TimelineEntry[]> {
    if (query.limit !== undefined && query.limit <= 0) return [];
    const where = ['incident_id = ?'];
    const params: unknown[] = [incidentId];
    if (query.afterPosition !== undefined) {
      where.push('position > ?');
      params.push(query.afterPosition);
    }
    if (query.highlightedOnly) where.push('highlighted = 1');
    if (query.kinds) {
      if (query.kinds.length === 0) return [];
      where.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`);
      params.push(...query.kinds);
    }
    const limit = query.limit !== undefined ? ` LIMIT ${Math.floor(query.limit)}` : '';
    if (query.newest !== undefined) {
      if (query.newest <= 0) return [];
      // The tail through the (incident_id, position) index backwards, then back in timeline order.
      const tail = await this.db.select(TimelineEntryRecord, where.join(' AND '), params, ` ORDER BY position DESC LIMIT ${Math.floor(query.newest)}`);
      return tail.reverse().slice(0, query.limit ?? tail.length).map(toTimelineEntry);
    }
    return (await this.db.select(TimelineEntryRecord, where.join(' AND '), params, ` ORDER BY position ASC${limit}`)).map(toTimelineEntry);
  }

  async count(incidentId: string): Promise<number> {
    const { rows } = await this.db.run('SELECT COUNT(*) AS n FROM timeline_entries WHERE incident_id = ?', [incidentId]);
    return Number(rows[0]!.n);
  }

  async findByKey(idempotencyKey: string): Promise<TimelineEntry | undefined> {
    const record = await this.db.selectOne(TimelineEntryRecord, 'idempotency_key = ?', [idempotencyKey]);
    return record ? toTimelineEntry(record) : undefined;
  }

  async findByExternal(ref: Pick<ExternalMessageRef, 'platform' | 'conversationId' | 'messageId'>): Promise<TimelineEntry | undefined> {
    const [record] = await this.db.select(TimelineEntryRecord,
      'external_platform = ? AND external_conversation_id = ? AND external_message_id = ?',
      [ref.platform, ref.conversationId, ref.messageId], ' ORDER BY position ASC LIMIT 1');
    return record ? toTimelineEntry(record) : undefined;
  }

  async update(entry: TimelineEntry): Promise<void> {
    const matched = await this.db.update(TimelineEntryRecord, mutableParts(entry), 'id = ?', [entry.id]);
    if (matched === 0) throw new MusterError('not_found', `Timeline entry ${entry.id} does not exist; append it first.`);
  }
}
