import type { InventoryInstallation, InventoryPlugin, PluginInventory } from '@muster/server';
import type { PluginHealth } from '@muster/core';
import { minute, printable, table } from '../../text';

const PLUGIN_COLUMNS = ['PLUGIN', 'VERSION', 'MUSTER.YAML', 'INSTALLED', 'TENANT', 'BY', 'SINCE', 'WEBHOOK', 'HEALTH'];
const SECRET_COLUMNS = ['PLUGIN', 'VARIABLE', 'REQUIRED', 'SET'];

/**
 * `plugins list` as aligned text: a row per installation (the muster.yaml one, then each tenant's
 * from chat) and one for each plugin that is only available; then the secrets the environment holds
 * for the muster.yaml installations (set or not, never a value); then what would stop a plugin.
 */
export function inventoryText(inventory: PluginInventory): string {
  if (inventory.plugins.length === 0) return 'No plugins: this server bundles none and muster.yaml names none.\n';
  const sections = [table([PLUGIN_COLUMNS, ...inventory.plugins.flatMap(pluginRows)])];
  const secrets = inventory.plugins.flatMap((p) => p.secrets.map((s) => [p.id, s.variable, s.required ? 'yes' : 'no', s.set ? 'yes' : 'no']));
  if (secrets.length) {
    sections.push(`Secrets in the environment (what the muster.yaml installations use; installations from chat keep theirs sealed in the database):\n${table([SECRET_COLUMNS, ...secrets])}`);
  }
  const problems = inventory.plugins.flatMap((p) => p.problems.map((problem) => `  ${p.id}: ${printable(problem, 400)}`));
  if (problems.length) sections.push(`Problems (\`muster plugins check\` checks the muster.yaml ones before a deploy):\n${problems.join('\n')}`);
  if (!inventory.publicUrl && inventory.plugins.some((p) => p.webhookPath)) {
    sections.push('MUSTER_PUBLIC_URL is not set: give each alert source your public URL followed by its webhook path.');
  }
  return `${sections.join('\n\n')}\n`;
}

function pluginRows(plugin: InventoryPlugin): string[][] {
  const common = [plugin.id, plugin.about?.version ?? '-', plugin.musterYaml ? (plugin.musterYaml.enabled ? 'enabled' : 'disabled') : '-'];
  const webhook = plugin.webhookUrl ?? plugin.webhookPath ?? '-';
  if (plugin.installations.length === 0) return [[...common, 'available', '-', '-', '-', webhook, '-']];
  return plugin.installations.map((i) => [...common, i.source === 'config' ? 'muster.yaml' : 'chat', printable(i.tenantId), installer(i), minute(i.installedAt), webhook, healthOf(i.health)]);
}

function installer(installation: InventoryInstallation): string {
  const by = installation.installedBy;
  if (!by) return '-';
  const id = printable(`${by.platform}:${by.id}`);
  return by.name ? `${printable(by.name, 40)} (${id})` : id;
}

function healthOf(health: PluginHealth): string {
  const parts: string[] = [];
  if (health.lastSuccessAt) parts.push(`last success ${minute(health.lastSuccessAt)}`);
  if (health.lastFailureAt) parts.push(`last failure ${minute(health.lastFailureAt)}${health.lastFailure ? `: ${printable(health.lastFailure, 255)}` : ''}`);
  return parts.length ? parts.join('; ') : 'no calls yet';
}
