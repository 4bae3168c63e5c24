import type { SlackInstallationStore } from '@muster/slack';
import type { InstallationRepository } from '@muster/store';
import type { AesGcmSecretBox } from '../../security/aes-gcm-secret-box';

/**
 * The Slack adapter's installation store over the database. Each installation (it carries the bot
 * token) is sealed with AES-256-GCM before it is written, bound to its workspace id, so the database
 * alone never reveals a token.
 */
export class SealedSlackInstallationStore implements SlackInstallationStore {
  constructor(
    private readonly installations: InstallationRepository,
    private readonly box: AesGcmSecretBox,
  ) {}

  async save(workspaceId: string, installationJson: string): Promise<void> {
    await this.installations.save({ platform: 'slack', workspaceId, payload: this.box.seal(installationJson, workspaceId), installedAt: new Date() });
  }

  async find(workspaceId: string): Promise<string | undefined> {
    const found = await this.installations.find('slack', workspaceId);
    return found ? this.box.open(found.payload, workspaceId) : undefined;
  }

  async remove(workspaceId: string): Promise<void> {
    await this.installations.markUninstalled('slack', workspaceId);
  }
}
