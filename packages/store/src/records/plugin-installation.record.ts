import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FLAG, JSON_VALUE, KEY, OPTIONAL_JSON, OPTIONAL_TEXT, TIME } from './column-kinds';

/** A plugin installed from chat for one tenant, with its settings and its sealed secrets. */
@Entity({ name: 'plugin_installations' })
export class PluginInstallationRecord {
  @PrimaryColumn({ type: 'varchar', name: 'plugin_id' }) pluginId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'installation_id' }) installationId!: string;
  @Column({ ...KEY, name: 'installed_platform' }) installedPlatform!: string;
  @Column({ ...KEY, name: 'installed_workspace_id' }) installedWorkspaceId!: string;
  @Column({ ...OPTIONAL_JSON, name: 'installed_by' }) installedBy!: Record<string, unknown> | null;
  @Column({ ...FLAG, name: 'enabled' }) enabled!: boolean;
  @Column({ ...JSON_VALUE, name: 'config' }) config!: Record<string, unknown>;
  @Column({ ...OPTIONAL_TEXT, name: 'sealed_secrets' }) sealedSecrets!: string | null;
  @Column({ ...TIME, name: 'installed_at' }) installedAt!: Date;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
}
