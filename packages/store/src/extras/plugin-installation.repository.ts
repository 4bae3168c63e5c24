import { PluginInstallationRecord } from '../records/plugin-installation.record';
import { upsertRow } from '../repositories/sql-helpers';
import type { StoreExecutor } from '../unit-of-work/store-executor';

/** A plugin enabled for one workspace or tenant. */
export interface PluginInstallation {
  readonly pluginId: string;
  readonly workspaceId: string;
  readonly enabled: boolean;
  /** Validated, non-secret settings. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The plugin's secrets, sealed with the SecretBox by the caller; never stored in the clear. */
  readonly sealedSecrets?: string;
  readonly installedAt: Date;
  readonly updatedAt: Date;
}

export class PluginInstallationRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /** Insert or replace; the first `installedAt` is kept when an installation is saved again. */
  async save(installation: PluginInstallation): Promise<void> {
    const record = Object.assign(new PluginInstallationRecord(), {
      pluginId: installation.pluginId, workspaceId: installation.workspaceId, enabled: installation.enabled, config: installation.config,
      sealedSecrets: installation.sealedSecrets ?? null, installedAt: installation.installedAt, updatedAt: installation.updatedAt,
    });
    await this.executor.write((tx) => upsertRow(tx.manager, PluginInstallationRecord, record, ['enabled', 'config', 'sealed_secrets', 'updated_at'], ['plugin_id', 'workspace_id']));
  }

  async find(pluginId: string, workspaceId: string): Promise<PluginInstallation | undefined> {
    const record = await this.executor.read((tx) => tx.manager.findOneBy(PluginInstallationRecord, { pluginId, workspaceId }));
    return record ? toInstallation(record) : undefined;
  }

  /** Every installation, or those of one workspace; by plugin id. */
  async list(workspaceId?: string): Promise<PluginInstallation[]> {
    const records = await this.executor.read((tx) => tx.manager.find(PluginInstallationRecord, {
      ...(workspaceId !== undefined && { where: { workspaceId } }),
      order: { pluginId: 'ASC', workspaceId: 'ASC' },
    }));
    return records.map(toInstallation);
  }

  async remove(pluginId: string, workspaceId: string): Promise<void> {
    await this.executor.write((tx) => tx.manager.delete(PluginInstallationRecord, { pluginId, workspaceId }));
  }
}

function toInstallation(record: PluginInstallationRecord): PluginInstallation {
  return {
    pluginId: record.pluginId, workspaceId: record.workspaceId, enabled: record.enabled, config: record.config,
    ...(record.sealedSecrets !== null && { sealedSecrets: record.sealedSecrets }),
    installedAt: record.installedAt, updatedAt: record.updatedAt,
  };
}
