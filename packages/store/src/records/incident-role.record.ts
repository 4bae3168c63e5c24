import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PersonRef } from '@muster/core';
import { INT, JSON_VALUE, KEY, TIME } from './column-kinds';

/** One role held by one person on one incident; its own table so "who is commander where" can be queried. */
@Entity({ name: 'incident_roles' })
export class IncidentRoleRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  /** Keeps the assignments in the order the aggregate holds them. */
  @Column({ ...INT, name: 'ordinal' }) ordinal!: number;
  @Column({ ...KEY, name: 'role' }) role!: string;
  @Column({ ...KEY, name: 'person_key' }) personKey!: string;
  @Column({ ...JSON_VALUE, name: 'person' }) person!: PersonRef;
  @Column({ ...TIME, name: 'assigned_at' }) assignedAt!: Date;
  @Column({ ...JSON_VALUE, name: 'assigned_by' }) assignedBy!: PersonRef;
}
