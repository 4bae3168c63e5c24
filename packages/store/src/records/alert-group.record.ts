import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KEY, TEXT, TIME } from './column-kinds';

/** Which incident an alert group last declared (sql-alert-group-repository.ts). */
@Entity({ name: 'alert_groups' })
export class AlertGroupRecord {
  /** SHA-256 of the group's four parts: group keys are long (Alertmanager's name every grouping label), indexes are not. */
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'plugin_id' }) pluginId!: string;
  @Column({ ...KEY, name: 'installation_id' }) installationId!: string;
  @Column({ ...TEXT, name: 'group_key' }) groupKey!: string;
  @Column({ ...KEY, name: 'incident_id' }) incidentId!: string;
  @Column({ ...TIME, name: 'linked_at' }) linkedAt!: Date;
}
