import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OPTIONAL_KEY, OPTIONAL_TIME } from './column-kinds';

/** The last success and failure of one plugin installation (`config` for the muster.yaml one). */
@Entity({ name: 'plugin_health' })
export class PluginHealthRecord {
  @PrimaryColumn({ type: 'varchar', name: 'plugin_id' }) pluginId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'installation_id' }) installationId!: string;
  @Column({ ...OPTIONAL_TIME, name: 'last_success_at' }) lastSuccessAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'last_failure_at' }) lastFailureAt!: Date | null;
  @Column({ ...OPTIONAL_KEY, name: 'last_failure' }) lastFailure!: string | null;
}
