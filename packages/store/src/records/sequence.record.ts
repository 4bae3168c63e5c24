import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT } from './column-kinds';

/** Named counters (incident numbers), bumped inside the transaction that uses the value. */
@Entity({ name: 'sequences' })
export class SequenceRecord {
  @PrimaryColumn({ type: 'varchar', name: 'name' }) name!: string;
  @Column({ ...BIGINT, name: 'value' }) value!: string;
}
