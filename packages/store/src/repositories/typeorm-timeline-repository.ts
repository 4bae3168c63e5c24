import { MusterError, type ExternalMessageRef, type TimelineEntry, type TimelineQuery, type TimelineRepository } from '@muster/core';
import { isDuplicateKey } from '../errors';
import { mutableParts, toTimelineEntry, toTimelineRecord } from '../mappers/timeline-entry.mapper';
import { TimelineEntryRecord } from '../records/timeline-entry.record';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { affectedRows, insertRows } from './sql-helpers';

export class TypeOrmTimelineRepository implements TimelineRepository {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * A plain INSERT; the unique index on the idempotency key turns a redelivery into a duplicate-key
   * error, which we answer with `false`. (A failed statement does not end the transaction on either
   * database, so this is safe inside a unit of work.)
   */
  async append(entry: TimelineEntry): Promise<boolean> {
    try {
      await insertRows(this.tx.manager, TimelineEntryRecord, [toTimelineRecord(entry)]);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (await this.tx.manager.existsBy(TimelineEntryRecord, { idempotencyKey: entry.idempotencyKey })) return false;
      throw new MusterError('duplicate', `Timeline entry ${entry.id} is already stored under another idempotency key.`, {}, { cause: error });
    }
  }

  async list(incidentId: string, query: TimelineQuery = {}): Promise<TimelineEntry[]> {
    if (query.limit !== undefined && query.limit <= 0) return [];
    const select = this.tx.manager.createQueryBuilder(TimelineEntryRecord, 't')
      .where('t.incident_id = :incidentId', { incidentId })
      .orderBy('t.position', 'ASC');
    if (query.afterPosition !== undefined) select.andWhere('t.position > :after', { after: query.afterPosition });
    if (query.highlightedOnly) select.andWhere('t.highlighted = :highlighted', { highlighted: true });
    if (query.limit !== undefined) select.limit(query.limit);
    return (await select.getMany()).map(toTimelineEntry);
  }

  async count(incidentId: string): Promise<number> {
    return this.tx.manager.countBy(TimelineEntryRecord, { incidentId });
  }

  async findByKey(idempotencyKey: string): Promise<TimelineEntry | undefined> {
    const record = await this.tx.manager.findOneBy(TimelineEntryRecord, { idempotencyKey });
    return record ? toTimelineEntry(record) : undefined;
  }

  async findByExternal(ref: Pick<ExternalMessageRef, 'platform' | 'conversationId' | 'messageId'>): Promise<TimelineEntry | undefined> {
    const record = await this.tx.manager.findOne(TimelineEntryRecord, {
      where: { externalPlatform: ref.platform, externalConversationId: ref.conversationId, externalMessageId: ref.messageId },
      order: { position: 'ASC' },
    });
    return record ? toTimelineEntry(record) : undefined;
  }

  async update(entry: TimelineEntry): Promise<void> {
    const result = await this.tx.manager.createQueryBuilder().update(TimelineEntryRecord).set(mutableParts(entry))
      .where('id = :id', { id: entry.id }).execute();
    if (affectedRows(result) === 0) throw new MusterError('not_found', `Timeline entry ${entry.id} does not exist; append it first.`);
  }
}
