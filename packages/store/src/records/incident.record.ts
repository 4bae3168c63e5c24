import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentLinks } from '@muster/core';
import type { PersonRef } from '@muster/core';
import { FLAG, INT, JSON_VALUE, KEY, OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

@Entity({ name: 'incidents' })
export class IncidentRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...INT, name: 'number' }) number!: number;
  @Column({ ...KEY, name: 'title' }) title!: string;
  @Column({ ...TEXT, name: 'summary' }) summary!: string;
  @Column({ ...KEY, name: 'severity' }) severity!: string;
  @Column({ ...KEY, name: 'status' }) status!: string;
  @Column({ ...FLAG, name: 'private' }) private!: boolean;
  @Column({ ...JSON_VALUE, name: 'services' }) services!: string[];
  @Column({ ...KEY, name: 'source' }) source!: string;
  @Column({ ...JSON_VALUE, name: 'declared_by' }) declaredBy!: PersonRef;
  @Column({ ...OPTIONAL_TIME, name: 'detected_at' }) detectedAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'declared_at' }) declaredAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'acknowledged_at' }) acknowledgedAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'mitigated_at' }) mitigatedAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'resolved_at' }) resolvedAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'closed_at' }) closedAt!: Date | null;
  @Column({ ...JSON_VALUE, name: 'links' }) links!: IncidentLinks;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
  @Column({ ...INT, name: 'version' }) version!: number;
}
