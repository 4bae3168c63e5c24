import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PersonRef, PublishedTarget, UpdateAuthor } from '@muster/core';
import { INT, JSON_VALUE, KEY, OPTIONAL_JSON, OPTIONAL_TEXT, OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

@Entity({ name: 'status_updates' })
export class StatusUpdateRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  @Column({ ...KEY, name: 'audience' }) audience!: string;
  @Column({ ...TEXT, name: 'body' }) body!: string;
  @Column({ ...JSON_VALUE, name: 'author' }) author!: UpdateAuthor;
  @Column({ ...KEY, name: 'state' }) state!: string;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
  @Column({ ...OPTIONAL_JSON, name: 'edited_by' }) editedBy!: PersonRef | null;
  @Column({ ...OPTIONAL_JSON, name: 'decided_by' }) decidedBy!: PersonRef | null;
  @Column({ ...OPTIONAL_TIME, name: 'decided_at' }) decidedAt!: Date | null;
  @Column({ ...OPTIONAL_TEXT, name: 'rejection_reason' }) rejectionReason!: string | null;
  @Column({ ...OPTIONAL_TIME, name: 'published_at' }) publishedAt!: Date | null;
  @Column({ ...JSON_VALUE, name: 'published_to' }) publishedTo!: PublishedTarget[];
  @Column({ ...INT, name: 'version' }) version!: number;
}
