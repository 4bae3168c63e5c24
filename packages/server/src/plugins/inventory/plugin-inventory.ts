import type { ChatPlatform, Logger, PersonRef, PluginHealth } from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import type { PluginInstallation, Store } from '@muster/store';
import type { ServerConfig } from '../../config/server-config';
import { CONFIG_INSTALLATION_ID } from '../runtime/installation';
import { checkConfigPlugins, secretStatusOf, type ConfigPluginCheck, type PluginSecretStatus } from '../loading/config-plugin-checks';
import { loadBundledPlugins } from '../loading/config-installations';
import { homeOf } from '../loading/home-tenant';
import { PluginCatalog } from '../loading/plugin-catalog';
import { defaultPackageOf, loadPluginModule } from '../loading/plugin-module-loader';
import { webhookPathOf, webhookUrlOf } from '../webhooks/webhook-url';

/** One installation of a plugin: the muster.yaml one (home tenant) or one made from chat (per tenant, from the database). */
export interface InventoryInstallation {
  readonly source: 'config' | 'chat';
  readonly installationId: string;
  readonly tenantId: string;
  /** Where the rooms of incidents its alerts declare open: the home workspace, or the workspace it was installed from. */
  readonly roomsAt?: { readonly platform: ChatPlatform; readonly workspaceId: string };
  readonly installedBy?: PersonRef;
  readonly installedAt?: Date;
  readonly updatedAt?: Date;
  /** As the host recorded it (`plugin_health`): last success, last failure and its secret-free reason. */
  readonly health: PluginHealth;
}

/** One plugin this server can run, or one that is configured or installed but cannot be loaded. */
export interface InventoryPlugin {
  readonly id: string;
  /** What its package says; absent when the package does not load here. */
  readonly about?: { readonly name: string; readonly version: string; readonly description: string; readonly sdk: string; readonly capabilities: readonly string[] };
  /** The package name or path it is (or would be) loaded from. */
  readonly package: string;
  /** Its entry in muster.yaml, when there is one. */
  readonly musterYaml?: { readonly enabled: boolean };
  /** For alert sources: `/webhooks/<id>`, and with MUSTER_PUBLIC_URL the whole URL to give the source. */
  readonly webhookPath?: string;
  readonly webhookUrl?: string;
  /** The secrets it declares, with their environment variables and whether each is set (never the value). */
  readonly secrets: readonly PluginSecretStatus[];
  readonly installations: readonly InventoryInstallation[];
  /** Why it would not run: the problems `muster start` would refuse, or that its package no longer loads. */
  readonly problems: readonly string[];
}

export interface PluginInventory {
  readonly configFile?: string;
  readonly publicUrl?: string;
  /** By id. */
  readonly plugins: readonly InventoryPlugin[];
}

/**
 * Every plugin this server can run (the bundled ones and those muster.yaml names), checked as a start
 * would check them, with the installations made from chat and every installation's health from the
 * store. Activates nothing and opens no secret: what it reads is what `muster plugins list` shows.
 */
export async function pluginInventory(config: ServerConfig, store: Store, logger: Logger): Promise<PluginInventory> {
  const checks = new Map((await checkConfigPlugins(config)).map((c) => [c.id, c]));
  const catalog = new PluginCatalog();
  for (const check of checks.values()) if (check.definition) catalog.add({ definition: check.definition, specifier: check.specifier, origin: 'config' });
  await loadBundledPlugins(catalog, logger);
  const rows = await store.pluginInstallations.list();
  const ids = [...new Set([...checks.keys(), ...catalog.all().map((e) => e.definition.id), ...rows.map((r) => r.pluginId)])].sort();
  const plugins: InventoryPlugin[] = [];
  for (const id of ids) {
    const check = checks.get(id);
    const known = catalog.get(id) ?? (check ? undefined : await loadedForRows(id));
    const installations = [
      ...(check?.enabled ? [await configInstallation(id, config, store)] : []),
      ...await Promise.all(rows.filter((r) => r.pluginId === id).map((r) => chatInstallation(r, store))),
    ];
    plugins.push(describe(id, check, known, installations, config));
  }
  return { ...(config.configFile && { configFile: config.configFile }), ...(config.publicUrl && { publicUrl: config.publicUrl }), plugins };
}

type Known = { readonly definition: AnyPluginDefinition; readonly specifier: string } | { readonly definition?: undefined; readonly specifier: string; readonly problem: string };

/** A plugin installed from chat that neither muster.yaml nor the bundle offers: loaded the way the host would, to say why it cannot run. */
async function loadedForRows(id: string): Promise<Known> {
  const loaded = await loadPluginModule(id, defaultPackageOf(id), __dirname);
  return loaded.ok ? loaded : { specifier: loaded.specifier, problem: `the plugin no longer loads: ${loaded.problem}` };
}

function describe(id: string, check: ConfigPluginCheck | undefined, known: Known | undefined, installations: InventoryInstallation[], config: ServerConfig): InventoryPlugin {
  const definition = known?.definition;
  const problems = check ? [...check.envProblems, ...check.fileProblems] : [];
  if (check && !check.enabled && check.loadProblem) problems.push(`plugins.${id}.package ${check.loadProblem} (not enabled, so it does not stop the start)`);
  if (known && !known.definition) problems.push(known.problem);
  const webhookPath = definition && webhookPathOf(definition);
  const webhookUrl = definition && webhookUrlOf(definition, config.publicUrl);
  return {
    id,
    ...(definition && { about: { name: definition.name, version: definition.version, description: definition.description, sdk: definition.sdk, capabilities: [...definition.capabilities] } }),
    package: known?.specifier ?? check?.specifier ?? defaultPackageOf(id),
    ...(check && { musterYaml: { enabled: check.enabled } }),
    ...(webhookPath && { webhookPath }),
    ...(webhookUrl && { webhookUrl }),
    secrets: definition ? secretStatusOf(definition, config.pluginSecrets) : [],
    installations,
    problems,
  };
}

async function configInstallation(id: string, config: ServerConfig, store: Store): Promise<InventoryInstallation> {
  const home = homeOf(config.settings);
  return {
    source: 'config', installationId: CONFIG_INSTALLATION_ID, tenantId: home.tenantId, ...(home.roomsAt && { roomsAt: home.roomsAt }),
    health: await store.pluginHealth.find(id, CONFIG_INSTALLATION_ID),
  };
}

async function chatInstallation(row: PluginInstallation, store: Store): Promise<InventoryInstallation> {
  return {
    source: 'chat', installationId: row.installationId, tenantId: row.tenantId, roomsAt: row.installedFrom,
    ...(row.installedBy && { installedBy: row.installedBy }), installedAt: row.installedAt, updatedAt: row.updatedAt,
    health: await store.pluginHealth.find(row.pluginId, row.installationId),
  };
}
