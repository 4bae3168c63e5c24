import type { PluginHealth, PluginListing } from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import type { PluginHealthBook } from '../guard/plugin-health-book';
import type { PluginHost } from '../runtime/plugin-host';
import { webhookUrlOf } from '../webhooks/webhook-url';

/** One plugin as a tenant sees it: installed how, its health, where its webhooks go. */
export class PluginListings {
  constructor(private readonly host: PluginHost, private readonly health: PluginHealthBook, private readonly publicUrl: string | undefined) {}

  async of(definition: AnyPluginDefinition, tenantId: string): Promise<PluginListing> {
    const installation = this.host.installationOf(definition.id, tenantId);
    let health: PluginHealth = installation ? await this.health.read(definition.id, installation.spec.installationId) : {};
    // A plugin that never started has no call on record: its reason is the failure people need to see.
    if (installation?.state === 'failed' && !health.lastFailure) health = { ...health, lastFailure: installation.reason.slice(0, 255) };
    const webhookUrl = webhookUrlOf(definition, this.publicUrl);
    return {
      id: definition.id, name: definition.name, description: definition.description, version: definition.version, capabilities: [...definition.capabilities],
      ...(installation && { installedBy: installation.spec.source }),
      ...(webhookUrl && { webhookUrl }),
      // What to set at the source, from the plugin's own text: it names secrets, it never holds one.
      ...(webhookUrl && definition.webhookAuth && { webhookAuth: definition.webhookAuth }),
      health,
    };
  }

  /** A tenant's installation of a plugin this server can no longer load: enough to see why and uninstall it. */
  orphan(pluginId: string, reason: string): PluginListing {
    return {
      id: pluginId, name: pluginId, description: `This plugin is no longer available on this server (${reason.slice(0, 200)}).`, version: '', capabilities: [],
      installedBy: 'chat', health: { lastFailure: reason.slice(0, 255) },
    };
  }

  /** What is left of such a plugin once its installation is removed. */
  removedOrphan(pluginId: string): PluginListing {
    return { id: pluginId, name: pluginId, description: 'Uninstalled. This plugin is no longer available on this server.', version: '', capabilities: [], health: {} };
  }
}
