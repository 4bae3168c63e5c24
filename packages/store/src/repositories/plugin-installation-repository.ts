import type { ChatPlatform, PersonRef } from '@muster/core';
import { PluginInstallationRecord } from '../records/plugin-installation.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

/** A plugin installed from chat for one tenant (the muster.yaml installations live in the file, not here). */
export interface PluginInstallation {
  readonly pluginId: string;
  readonly tenantId: string;
  /** Stable across re-configuration: names the alert origin, the storage and the health of this installation. */
  readonly installationId: string;
  /** The workspace it was installed from: where the rooms of the incidents its alerts declare open. */
  readonly installedFrom: { readonly platform: ChatPlatform; readonly workspaceId: string };
  readonly installedBy?: PersonRef;
  readonly enabled: boolean;
  /** Validated, non-secret settings. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The plugin's secrets, sealed with the SecretBox by the caller; never stored in the clear. */
  readonly sealedSecrets?: string;
  readonly installedAt: Date;
  readonly updatedAt: Date;
}

/** `store.pluginInstallations`: one row per (plugin, tenant). */
export class PluginInstallationRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /**
   * Insert or replace the tenant's installation of the plugin. The first `installedAt` and the
   * `installationId` are kept when it is saved again (re-configured), so its storage and alert groups stay its own.
   */
  async save(installation: PluginInstallation): Promise<void> {
    const record = Object.assign(new PluginInstallationRecord(), {
      pluginId: installation.pluginId, tenantId: installation.tenantId, installationId: installation.installationId,
      installedPlatform: installation.installedFrom.platform, installedWorkspaceId: installation.installedFrom.workspaceId,
      installedBy: installation.installedBy ? { ...installation.installedBy } : null, enabled: installation.enabled, config: installation.config,
      sealedSecrets: installation.sealedSecrets ?? null, installedAt: installation.installedAt, updatedAt: installation.updatedAt,
    });
    await this.executor.write((tx) => new Db(tx).upsert(PluginInstallationRecord, record, ['pluginId', 'tenantId'],
      ['installedPlatform', 'installedWorkspaceId', 'installedBy', 'enabled', 'config', 'sealedSecrets', 'updatedAt']));
  }

  async find(pluginId: string, tenantId: string): Promise<PluginInstallation | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(PluginInstallationRecord, 'plugin_id = ? AND tenant_id = ?', [pluginId, tenantId]));
    return record ? toInstallation(record) : undefined;
  }

  /** Every installation, or those of one tenant; by plugin id, then oldest first. */
  async list(tenantId?: string): Promise<PluginInstallation[]> {
    const [where, params] = tenantId === undefined ? ['1 = 1', []] : ['tenant_id = ?', [tenantId]];
    const records = await this.executor.read((tx) => new Db(tx).select(PluginInstallationRecord, where, params, ' ORDER BY plugin_id ASC, installed_at ASC, tenant_id ASC'));
    return records.map(toInstallation);
  }

  /** Whether a row was removed. */
  async remove(pluginId: string, tenantId: string): Promise<boolean> {
    const { affected } = await this.executor.write((tx) => new Db(tx).run('DELETE FROM plugin_installations WHERE plugin_id = ? AND tenant_id = ?', [pluginId, tenantId]));
    return affected > 0;
  }
}

function toInstallation(record: PluginInstallationRecord): PluginInstallation {
  return {
    pluginId: record.pluginId, tenantId: record.tenantId, installationId: record.installationId,
    installedFrom: { platform: record.installedPlatform as ChatPlatform, workspaceId: record.installedWorkspaceId },
    ...(record.installedBy !== null && { installedBy: record.installedBy as unknown as PersonRef }),
    enabled: record.enabled, config: record.config,
    ...(record.sealedSecrets !== null && { sealedSecrets: record.sealedSecrets }),
    installedAt: record.installedAt, updatedAt: record.updatedAt,
  };
}
