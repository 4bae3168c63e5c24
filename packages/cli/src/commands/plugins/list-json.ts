import type { InventoryInstallation, InventoryPlugin, PluginInventory } from '@muster/server';

/**
 * `plugins list --json`: every key always present (null when there is nothing), dates in ISO 8601 UTC,
 * so a script can read it without guessing. Secrets appear as their variable and `set`, never a value.
 */
export function inventoryJson(inventory: PluginInventory): unknown {
  return {
    configFile: inventory.configFile ?? null,
    publicUrl: inventory.publicUrl ?? null,
    plugins: inventory.plugins.map(pluginJson),
  };
}

function pluginJson(plugin: InventoryPlugin) {
  return {
    id: plugin.id,
    name: plugin.about?.name ?? null,
    version: plugin.about?.version ?? null,
    description: plugin.about?.description ?? null,
    sdk: plugin.about?.sdk ?? null,
    capabilities: plugin.about?.capabilities ?? [],
    package: plugin.package,
    musterYaml: plugin.musterYaml ? { enabled: plugin.musterYaml.enabled } : null,
    webhookPath: plugin.webhookPath ?? null,
    webhookUrl: plugin.webhookUrl ?? null,
    secrets: plugin.secrets.map((s) => ({ name: s.name, variable: s.variable, required: s.required, set: s.set, description: s.description })),
    installations: plugin.installations.map(installationJson),
    problems: plugin.problems,
  };
}

function installationJson(installation: InventoryInstallation) {
  const { health } = installation;
  return {
    source: installation.source,
    installationId: installation.installationId,
    tenant: installation.tenantId,
    roomsAt: installation.roomsAt ? { platform: installation.roomsAt.platform, workspaceId: installation.roomsAt.workspaceId } : null,
    installedBy: installation.installedBy ? { platform: installation.installedBy.platform, id: installation.installedBy.id, name: installation.installedBy.name ?? null } : null,
    installedAt: installation.installedAt?.toISOString() ?? null,
    updatedAt: installation.updatedAt?.toISOString() ?? null,
    health: {
      lastSuccessAt: health.lastSuccessAt?.toISOString() ?? null,
      lastFailureAt: health.lastFailureAt?.toISOString() ?? null,
      lastFailure: health.lastFailure ?? null,
    },
  };
}
