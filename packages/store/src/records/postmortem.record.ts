import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PostmortemSection } from '@muster/core';
import { INT, JSON_VALUE, KEY, TIME } from './column-kinds';

@Entity({ name: 'postmortems' })
export class PostmortemRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  /** Unique: one postmortem per incident. */
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  @Column({ ...KEY, name: 'state' }) state!: string;
  @Column({ ...JSON_VALUE, name: 'sections' }) sections!: PostmortemSection[];
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
  @Column({ ...INT, name: 'version' }) version!: number;
}
