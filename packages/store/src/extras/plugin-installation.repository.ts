import { PluginInstallationRecord } from '../records/plugin-installation.record';
import { Db } from '../sql/db';
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
    await this.executor.write((tx) => new Db(tx).upsert(PluginInstallationRecord, record, ['pluginId', 'workspaceId'], ['enabled', 'config', 'sealedSecrets', 'updatedAt']));
  }

  async find(pluginId: string, workspaceId: string): Promise<PluginInstallation | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(PluginInstallationRecord, 'plugin_id = ? AND workspace_id = ?', [pluginId, workspaceId]));
    return record ? toInstallation(record) : undefined;
  }

  /** Every installation, or those of one workspace; by plugin id. */
  async list(workspaceId?: string): Promise<PluginInstallation[]> {
    const [where, params] = workspaceId === undefined ? ['1 = 1', []] : ['workspace_id = ?', [workspaceId]];
    const records = await this.executor.read((tx) => new Db(tx).select(PluginInstallationRecord, where, params, ' ORDER BY plugin_id ASC, workspace_id ASC'));
    return records.map(toInstallation);
  }

  async remove(pluginId: string, workspaceId: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).run('DELETE FROM plugin_installations WHERE plugin_id = ? AND workspace_id = ?', [pluginId, workspaceId]));
  }
}

function toInstallation(record: PluginInstallationRecord): PluginInstallation {
  return {
    pluginId: record.pluginId, workspaceId: record.workspaceId, enabled: record.enabled, config: record.config,
    ...(record.sealedSecrets !== null && { sealedSecrets: record.sealedSecrets }),
    installedAt: record.installedAt, updatedAt: record.updatedAt,
  };
}
