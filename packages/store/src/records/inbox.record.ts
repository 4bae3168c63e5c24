import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIME } from './column-kinds';

/** Processed idempotency keys of inbound events; the primary key is the deduplication. */
@Entity({ name: 'inbox' })
export class InboxRecord {
  @PrimaryColumn({ type: 'varchar', name: 'key' }) key!: string;
  @Column({ ...TIME, name: 'processed_at' }) processedAt!: Date;
}
