import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Link, ServiceContact } from '@muster/core';
import { FLAG, JSON_VALUE, KEY, OPTIONAL_JSON, OPTIONAL_TEXT, TEXT } from './column-kinds';

@Entity({ name: 'services' })
export class ServiceRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'name' }) name!: string;
  /** The lower-cased name; unique with the tenant, so lookups and uniqueness ignore case on every database. */
  @Column({ ...KEY, name: 'name_key' }) nameKey!: string;
  @Column({ ...TEXT, name: 'description' }) description!: string;
  @Column({ ...JSON_VALUE, name: 'owners' }) owners!: ServiceContact[];
  @Column({ ...JSON_VALUE, name: 'subject_matter_experts' }) subjectMatterExperts!: ServiceContact[];
  @Column({ ...JSON_VALUE, name: 'runbooks' }) runbooks!: Link[];
  /** Null on rows made before the catalogue had integrations. */
  @Column({ ...OPTIONAL_JSON, name: 'integrations' }) integrations!: Record<string, string> | null;
  @Column({ ...OPTIONAL_TEXT, name: 'runbook_file' }) runbookFile!: string | null;
  @Column({ ...FLAG, name: 'public' }) public!: boolean;
  @Column({ ...KEY, name: 'origin' }) origin!: string;
}
