import type { Logger, MusterSettings } from '@muster/core';
import { ConfigError } from '../../config/config-error';
import type { ServerConfig } from '../../config/server-config';
import type { InstallationSpec } from '../runtime/installation';
import { checkConfigPlugins } from './config-plugin-checks';
import { BUNDLED_PLUGIN_IDS, type PluginCatalog } from './plugin-catalog';
import { defaultPackageOf, loadPluginModule } from './plugin-module-loader';

/**
 * Loads what muster.yaml names and the bundled plugins into the catalogue, and checks every enabled
 * `plugins.<id>` entry (checkConfigPlugins). Every problem of every plugin is collected, then thrown as
 * one ConfigError (the environment's first, each naming the key or the variable); the specs of the
 * muster.yaml installations are returned, ready to activate. They belong to the home tenant.
 */
export async function loadConfigInstallations(config: ServerConfig, settings: MusterSettings, catalog: PluginCatalog, logger: Logger): Promise<InstallationSpec[]> {
  const checks = await checkConfigPlugins(config, settings);
  for (const check of checks) {
    if (check.definition) catalog.add({ definition: check.definition, specifier: check.specifier, origin: 'config' });
    else if (!check.enabled) logger.warn('A plugin muster.yaml names (not enabled) cannot be loaded', { plugin: check.id, problem: check.loadProblem });
  }
  const problems = [...checks.flatMap((c) => c.envProblems), ...checks.flatMap((c) => c.fileProblems)];
  if (problems.length) throw new ConfigError(problems);
  await loadBundledPlugins(catalog, logger);
  return checks.flatMap((c) => (c.spec ? [c.spec] : []));
}

/** The bundled plugins that are installed, added to the catalogue unless muster.yaml named them; one that is absent is simply not offered. */
export async function loadBundledPlugins(catalog: PluginCatalog, logger: Logger): Promise<void> {
  for (const id of BUNDLED_PLUGIN_IDS) {
    if (catalog.has(id)) continue;
    const loaded = await loadPluginModule(id, defaultPackageOf(id), __dirname);
    if (loaded.ok) catalog.add({ definition: loaded.definition, specifier: loaded.specifier, origin: 'bundled' });
    else if (loaded.kind !== 'not_found') logger.warn('A bundled plugin cannot be loaded', { plugin: id, problem: loaded.problem });
  }
}
