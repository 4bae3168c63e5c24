import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PersonRef } from '@muster/core';
import { FLAG, JSON_VALUE, KEY, OPTIONAL_JSON, OPTIONAL_KEY, OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

/** Stored revisions: dates as ISO strings, since they live inside JSON. */
export interface StoredRevision {
  text: string;
  at: string;
}

@Entity({ name: 'timeline_entries' })
export class TimelineEntryRecord {
  /** Arrival order: the auto-increment key gives every entry its place, across instances. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'position' }) position!: string;
  @Column({ ...KEY, name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  @Column({ ...KEY, name: 'kind' }) kind!: string;
  @Column({ ...TIME, name: 'occurred_at' }) occurredAt!: Date;
  @Column({ ...TIME, name: 'recorded_at' }) recordedAt!: Date;
  @Column({ ...OPTIONAL_JSON, name: 'actor' }) actor!: PersonRef | null;
  @Column({ ...KEY, name: 'source' }) source!: string;
  @Column({ ...TEXT, name: 'text' }) text!: string;
  @Column({ ...JSON_VALUE, name: 'data' }) data!: Record<string, unknown>;
  @Column({ ...KEY, name: 'idempotency_key' }) idempotencyKey!: string;
  @Column({ ...FLAG, name: 'highlighted' }) highlighted!: boolean;
  @Column({ ...OPTIONAL_KEY, name: 'external_platform' }) externalPlatform!: string | null;
  @Column({ ...OPTIONAL_KEY, name: 'external_conversation_id' }) externalConversationId!: string | null;
  @Column({ ...OPTIONAL_KEY, name: 'external_message_id' }) externalMessageId!: string | null;
  @Column({ ...OPTIONAL_KEY, name: 'external_thread_id' }) externalThreadId!: string | null;
  @Column({ ...JSON_VALUE, name: 'revisions' }) revisions!: StoredRevision[];
  @Column({ ...OPTIONAL_TIME, name: 'deleted_at' }) deletedAt!: Date | null;
}
