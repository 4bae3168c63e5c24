import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLAG, JSON_VALUE, OPTIONAL_TEXT, TIME } from './column-kinds';

/** A plugin switched on for one workspace or tenant, with its settings and its sealed secrets. */
@Entity({ name: 'plugin_installations' })
export class PluginInstallationRecord {
  @PrimaryColumn({ type: 'varchar', name: 'plugin_id' }) pluginId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'workspace_id' }) workspaceId!: string;
  @Column({ ...FLAG, name: 'enabled' }) enabled!: boolean;
  @Column({ ...JSON_VALUE, name: 'config' }) config!: Record<string, unknown>;
  @Column({ ...OPTIONAL_TEXT, name: 'sealed_secrets' }) sealedSecrets!: string | null;
  @Column({ ...TIME, name: 'installed_at' }) installedAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
}
