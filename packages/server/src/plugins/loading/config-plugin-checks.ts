import type { MusterSettings } from '@muster/core';
import { secretEnvName, type AnyPluginDefinition } from '@muster/plugin-sdk';
import { dirname, relative } from 'node:path';
import type { z } from 'zod';
import { Problems } from '../../config/problems';
import type { ServerConfig } from '../../config/server-config';
import { addZodIssues } from '../../config/zod-problems';
import { CONFIG_INSTALLATION_ID, type InstallationSpec } from '../runtime/installation';
import { homeOf } from './home-tenant';
import { defaultPackageOf, loadPluginModule } from './plugin-module-loader';

/** One secret a plugin declares, as the environment has it: the variable's name and whether it is set, never its value. */
export interface PluginSecretStatus {
  readonly name: string;
  readonly variable: string;
  readonly description: string;
  readonly required: boolean;
  readonly set: boolean;
}

/** What checking one `plugins.<id>` entry of muster.yaml found. */
export interface ConfigPluginCheck {
  readonly id: string;
  readonly enabled: boolean;
  /** The package name or path it is loaded from (muster.yaml's `package`, else the bundled one). */
  readonly specifier: string;
  /** Present when the package loaded and is this plugin for this SDK. */
  readonly definition?: AnyPluginDefinition;
  /** Why the package did not load (for an entry that is not enabled, this is only a warning). */
  readonly loadProblem?: string;
  /** Present when the entry is enabled and every check passed: ready to activate. */
  readonly spec?: InstallationSpec;
  /** The plugin's secrets and whether each variable is set; empty when the package did not load. */
  readonly secrets: readonly PluginSecretStatus[];
  /** Problems of the file (`muster.yaml: plugins.<id>.config.team …`), each naming its key. */
  readonly fileProblems: readonly string[];
  /** Problems of the environment, each naming its variable. */
  readonly envProblems: readonly string[];
}

/**
 * Checks every `plugins.<id>` entry of muster.yaml the way a start does, without activating anything
 * or touching the database: the package loads and is that plugin for this SDK, and for an enabled
 * entry its config passes the plugin's schema and its required secrets are set in the environment.
 * Entries that are not enabled are loaded (to be offered from chat) but not checked further.
 */
export async function checkConfigPlugins(config: ServerConfig, settings: MusterSettings = config.settings): Promise<ConfigPluginCheck[]> {
  const baseDir = config.configFile ? dirname(config.configFile) : config.cwd;
  const source = config.configFile ? displayPath(config.configFile, config.cwd) : 'muster.yaml';
  const home = homeOf(settings);
  const checks: ConfigPluginCheck[] = [];
  for (const [id, entry] of Object.entries(config.plugins)) {
    const fileProblems = new Problems(source);
    const envProblems = new Problems('');
    const loaded = await loadPluginModule(id, entry.package, baseDir);
    const base = { id, enabled: entry.enabled, specifier: entry.package ?? defaultPackageOf(id) };
    if (!loaded.ok) {
      if (entry.enabled) fileProblems.add(`plugins.${id}.package`, loaded.problem);
      checks.push({ ...base, loadProblem: loaded.problem, secrets: [], fileProblems: fileProblems.list, envProblems: [] });
      continue;
    }
    const { definition } = loaded;
    const secrets = secretStatusOf(definition, config.pluginSecrets);
    const done = (spec?: InstallationSpec): ConfigPluginCheck => ({
      ...base, specifier: loaded.specifier, definition, secrets, ...(spec && { spec }), fileProblems: fileProblems.list, envProblems: envProblems.list,
    });
    if (!entry.enabled) {
      checks.push(done());
      continue;
    }
    // The secrets are checked even when the config is wrong: one run names every problem of the entry.
    for (const secret of secrets) {
      if (secret.required && !secret.set) envProblems.addLine(`${secret.variable} is not set: the ${id} plugin (plugins.${id} in muster.yaml) needs it: ${secret.description}`);
    }
    const parsed = parseConfig(definition, entry.config, fileProblems, `plugins.${id}.config`);
    if (!parsed.ok || !envProblems.empty) {
      checks.push(done());
      continue;
    }
    const values = Object.fromEntries(secrets.filter((s) => s.set).map((s) => [s.name, config.pluginSecrets[s.variable]!]));
    checks.push(done({
      definition, source: 'config', installationId: CONFIG_INSTALLATION_ID, tenantId: home.tenantId, ...(home.roomsAt && { roomsAt: home.roomsAt }),
      rawConfig: entry.config, config: parsed.value, secrets: values,
    }));
  }
  return checks;
}

/** The config through the plugin's own schema; its problems (or the schema's own crash) named under `key`. */
function parseConfig(definition: AnyPluginDefinition, config: unknown, problems: Problems, key: string): { ok: true; value: unknown } | { ok: false } {
  let parsed: z.ZodSafeParseResult<unknown>;
  try {
    parsed = definition.configSchema.safeParse(config);
  } catch (error) {
    problems.add(key, `could not be checked by the plugin's schema (${error instanceof Error ? error.message.slice(0, 120) : 'it threw'})`);
    return { ok: false };
  }
  if (parsed.success) return { ok: true, value: parsed.data };
  addZodIssues(problems, key, parsed.error, config);
  return { ok: false };
}

/** The secrets a plugin declares and whether the environment sets each (`MUSTER_PLUGIN_<ID>_<NAME>`); never the values. */
export function secretStatusOf(definition: AnyPluginDefinition, pluginSecrets: Readonly<Record<string, string>>): PluginSecretStatus[] {
  return definition.secrets.map((secret) => {
    const variable = secretEnvName(definition.id, secret.name);
    return { name: secret.name, variable, description: secret.description, required: secret.required, set: !!pluginSecrets[variable] };
  });
}

function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
