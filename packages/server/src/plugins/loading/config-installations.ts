import { DEFAULT_TENANT, type Logger, type MusterSettings } from '@muster/core';
import { secretEnvName } from '@muster/plugin-sdk';
import { dirname, relative } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../../config/config-error';
import { Problems } from '../../config/problems';
import type { ServerConfig } from '../../config/server-config';
import { addZodIssues } from '../../config/zod-problems';
import { CONFIG_INSTALLATION_ID, type InstallationSpec } from '../runtime/installation';
import { BUNDLED_PLUGIN_IDS, type PluginCatalog } from './plugin-catalog';
import { defaultPackageOf, loadPluginModule } from './plugin-module-loader';

/**
 * Loads what muster.yaml names and the bundled plugins into the catalogue, and checks every enabled
 * `plugins.<id>` entry: the package loads and is that plugin for this SDK, its config passes the
 * plugin's schema, its required secrets are set in the environment. Every problem of every plugin is
 * collected, then thrown as one ConfigError (each naming the key or the variable); the specs of the
 * muster.yaml installations are returned, ready to activate. They belong to the home tenant.
 */
export async function loadConfigInstallations(config: ServerConfig, settings: MusterSettings, catalog: PluginCatalog, logger: Logger): Promise<InstallationSpec[]> {
  const baseDir = config.configFile ? dirname(config.configFile) : config.cwd;
  const fileProblems = new Problems(config.configFile ? displayPath(config.configFile, config.cwd) : 'muster.yaml');
  const envProblems = new Problems('');
  const specs: InstallationSpec[] = [];
  const home = homeOf(settings);
  for (const [id, entry] of Object.entries(config.plugins)) {
    const loaded = await loadPluginModule(id, entry.package, baseDir);
    if (!loaded.ok) {
      if (entry.enabled) fileProblems.add(`plugins.${id}.package`, loaded.problem);
      else logger.warn('A plugin muster.yaml names (not enabled) cannot be loaded', { plugin: id, problem: loaded.problem });
      continue;
    }
    catalog.add({ definition: loaded.definition, specifier: loaded.specifier, origin: 'config' });
    if (!entry.enabled) continue;
    const { definition } = loaded;
    let parsed: z.ZodSafeParseResult<unknown>;
    try {
      parsed = definition.configSchema.safeParse(entry.config);
    } catch (error) {
      fileProblems.add(`plugins.${id}.config`, `could not be checked by the plugin's schema (${error instanceof Error ? error.message.slice(0, 120) : 'it threw'})`);
      continue;
    }
    if (!parsed.success) {
      addZodIssues(fileProblems, `plugins.${id}.config`, parsed.error, entry.config);
      continue;
    }
    const secrets: Record<string, string> = {};
    for (const secret of definition.secrets) {
      const name = secretEnvName(id, secret.name);
      const value = config.pluginSecrets[name];
      if (value) secrets[secret.name] = value;
      else if (secret.required) envProblems.addLine(`${name} is not set: the ${id} plugin (plugins.${id} in muster.yaml) needs it: ${secret.description}`);
    }
    specs.push({
      definition, source: 'config', installationId: CONFIG_INSTALLATION_ID, tenantId: home.tenantId, ...(home.roomsAt && { roomsAt: home.roomsAt }),
      rawConfig: entry.config, config: parsed.data, secrets,
    });
  }
  const problems = [...envProblems.list, ...fileProblems.list];
  if (problems.length) throw new ConfigError(problems);
  await loadBundled(catalog, logger);
  return specs;
}

/** The bundled plugins that are installed; one that is absent is simply not offered. */
async function loadBundled(catalog: PluginCatalog, logger: Logger): Promise<void> {
  for (const id of BUNDLED_PLUGIN_IDS) {
    if (catalog.has(id)) continue;
    const loaded = await loadPluginModule(id, defaultPackageOf(id), __dirname);
    if (loaded.ok) catalog.add({ definition: loaded.definition, specifier: loaded.specifier, origin: 'bundled' });
    else if (loaded.kind !== 'not_found') logger.warn('A bundled plugin cannot be loaded', { plugin: id, problem: loaded.problem });
  }
}

/** The home tenant and where its rooms open: the muster.yaml installations' place. */
export function homeOf(settings: MusterSettings): { tenantId: string; roomsAt?: InstallationSpec['roomsAt'] } {
  const { homePlatform, homeWorkspaceId, tenants } = settings;
  if (!homePlatform || !homeWorkspaceId) return { tenantId: DEFAULT_TENANT };
  return { tenantId: tenants.tenantOf(homePlatform, homeWorkspaceId), roomsAt: { platform: homePlatform, workspaceId: homeWorkspaceId } };
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
