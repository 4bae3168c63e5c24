import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Link, PersonRef } from '@muster/core';
import { JSON_VALUE, KEY, OPTIONAL_JSON, OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

@Entity({ name: 'action_items' })
export class ActionItemRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  @Column({ ...TEXT, name: 'text' }) text!: string;
  @Column({ ...OPTIONAL_JSON, name: 'owner' }) owner!: PersonRef | null;
  @Column({ ...KEY, name: 'state' }) state!: string;
  @Column({ ...JSON_VALUE, name: 'created_by' }) createdBy!: PersonRef;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
  @Column({ ...OPTIONAL_JSON, name: 'ticket' }) ticket!: Link | null;
  @Column({ ...OPTIONAL_TIME, name: 'due_at' }) dueAt!: Date | null;
}
