import type { ChatPlatform } from '@muster/core';
import { ChatInstallationRecord } from '../records/chat-installation.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

/** A Slack workspace or Teams tenant that installed Muster. */
export interface ChatInstallation {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
  /** Whatever the adapter needs (bot token, tenant data), sealed with the SecretBox before it gets here. */
  readonly payload: string;
  readonly installedAt: Date;
}

/** Chat installations (OAuth results). The store never sees the payload in the clear: callers seal it. */
export class InstallationRepository {
  constructor(private readonly executor: StoreExecutor, private readonly clock: () => Date = () => new Date()) {}

  /** Installing again (a reinstall, new scopes) replaces the payload and clears an earlier uninstall. */
  async save(installation: ChatInstallation): Promise<void> {
    const record = Object.assign(new ChatInstallationRecord(), { ...installation, uninstalledAt: null });
    await this.executor.write((tx) => new Db(tx).upsert(ChatInstallationRecord, record, ['platform', 'workspaceId'], ['payload', 'installedAt', 'uninstalledAt']));
  }

  /** The live installation of a workspace; undefined if it never installed or has uninstalled. */
  async find(platform: ChatPlatform, workspaceId: string): Promise<ChatInstallation | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(ChatInstallationRecord, 'platform = ? AND workspace_id = ? AND uninstalled_at IS NULL', [platform, workspaceId]));
    return record ? { platform: record.platform as ChatPlatform, workspaceId: record.workspaceId, payload: record.payload, installedAt: record.installedAt } : undefined;
  }

  /** The workspace removed the app: stop using its tokens, keep the row for the record. */
  async markUninstalled(platform: ChatPlatform, workspaceId: string, at: Date = this.clock()): Promise<void> {
    await this.executor.write((tx) => new Db(tx).update(ChatInstallationRecord, { uninstalledAt: at }, 'platform = ? AND workspace_id = ? AND uninstalled_at IS NULL', [platform, workspaceId]));
  }

  /** Forget the workspace entirely (e.g. Slack's `tokens_revoked` with a data-deletion request). */
  async delete(platform: ChatPlatform, workspaceId: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).run('DELETE FROM chat_installations WHERE platform = ? AND workspace_id = ?', [platform, workspaceId]));
  }
}
