import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { FLAG, INT, JSON_VALUE, KEY, OPTIONAL_TEXT, OPTIONAL_TIME, TIME } from './column-kinds';

@Entity({ name: 'outbox' })
export class OutboxRecord {
  /** Auto-increment, so due messages are handed out in the order they were written. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'topic' }) topic!: string;
  @Column({ ...JSON_VALUE, name: 'payload' }) payload!: Record<string, unknown>;
  @Column({ ...KEY, name: 'idempotency_key' }) idempotencyKey!: string;
  @Column({ ...INT, name: 'attempts' }) attempts!: number;
  @Column({ ...TIME, name: 'available_at' }) availableAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'leased_until' }) leasedUntil!: Date | null;
  @Column({ ...OPTIONAL_TEXT, name: 'last_error' }) lastError!: string | null;
  @Column({ ...FLAG, name: 'dead' }) dead!: boolean;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'completed_at' }) completedAt!: Date | null;
}
