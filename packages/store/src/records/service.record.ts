import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Link, PersonRef } from '@muster/core';
import { JSON_VALUE, KEY, TEXT } from './column-kinds';

@Entity({ name: 'services' })
export class ServiceRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  /** Unique. */
  @Column({ ...KEY, name: 'name' }) name!: string;
  @Column({ ...TEXT, name: 'description' }) description!: string;
  @Column({ ...JSON_VALUE, name: 'owners' }) owners!: PersonRef[];
  @Column({ ...JSON_VALUE, name: 'subject_matter_experts' }) subjectMatterExperts!: PersonRef[];
  @Column({ ...JSON_VALUE, name: 'runbooks' }) runbooks!: Link[];
}
