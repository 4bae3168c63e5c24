import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT, INT, TEXT, TIME } from './column-kinds';

/** The rolling summary per incident and kind. */
@Entity({ name: 'summary_states' })
export class SummaryStateRecord {
  @PrimaryColumn({ type: 'varchar', name: 'incident_id' }) incidentId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'kind' }) kind!: string;
  @Column({ ...BIGINT, name: 'covered_through' }) coveredThrough!: string;
  @Column({ ...TEXT, name: 'text' }) text!: string;
  @Column({ ...INT, name: 'tokens' }) tokens!: number;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
}
