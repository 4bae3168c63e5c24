import { relative } from 'node:path';
import { checkConfigPlugins, ConfigError, PLUGIN_SDK_VERSION, type ConfigPluginCheck, type ServerConfig } from '@muster/server';
import { commandConfig } from '../../cli-config';
import { printable } from '../../text';

const PLUGIN_VARIABLE_PREFIX = 'MUSTER_PLUGIN_';

/**
 * `plugins check`: the environment and muster.yaml read as `muster start` reads them, then every
 * `plugins.<id>` entry loaded and checked (package, SDK range, config by the plugin's schema, required
 * secrets). Nothing is activated and no database is opened, so it runs in CI with only the deploy's
 * environment. A line per plugin on stdout; every problem on stderr, one a line, each naming its key
 * or variable; exit code 1 when there is any.
 */
export async function checkPlugins(): Promise<number> {
  let config: ServerConfig;
  try {
    config = commandConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return refuse(error.problems);
  }
  if (!config.configFile) {
    process.stdout.write('There is no muster.yaml here (nor a MUSTER_CONFIG naming one), so no plugin is enabled: nothing to check.\n');
    return 0;
  }
  const file = shown(config.configFile, config.cwd);
  const checks = await checkConfigPlugins(config);
  if (!checks.some((c) => c.enabled)) {
    process.stdout.write(`${file} enables no plugin: nothing to check.\n`);
    return 0;
  }
  for (const check of checks) process.stdout.write(`${lineOf(check)}\n`);
  for (const variable of unusedVariables(config, checks)) {
    process.stdout.write(`note  ${printable(variable)} is set, but no plugin enabled in ${file} declares it (a misspelt name?)\n`);
  }
  const problems = [...checks.flatMap((c) => c.envProblems), ...checks.flatMap((c) => c.fileProblems)];
  if (problems.length) return refuse(problems);
  const enabled = checks.filter((c) => c.enabled).length;
  process.stdout.write(`${enabled === 1 ? 'The plugin' : `All ${enabled} plugins`} ${file} enables would start (plugin SDK ${PLUGIN_SDK_VERSION}).\n`);
  return 0;
}

function lineOf(check: ConfigPluginCheck): string {
  const { id, definition } = check;
  if (!check.enabled) {
    const loads = definition ? `${definition.version} loads from ${check.specifier}` : `it would not load: ${check.loadProblem ?? 'unknown'}`;
    return `off   ${id}: enabled: false, so not checked (${loads})`;
  }
  const problems = check.envProblems.length + check.fileProblems.length;
  if (problems) return `FAIL  ${id}: ${problems} problem${problems === 1 ? '' : 's'}, listed below`;
  const secrets = check.secrets.length
    ? check.secrets.map((s) => `${s.variable} ${s.set ? 'set' : `not set${s.required ? '' : ' (optional)'}`}`).join(', ')
    : 'needs no secret';
  return `OK    ${id} ${definition!.version} from ${check.specifier} (SDK ${definition!.sdk}): config valid; ${secrets}`;
}

/** `MUSTER_PLUGIN_*` variables no enabled plugin declares: most often a misspelt secret. Those of a plugin that did not load are not judged. */
function unusedVariables(config: ServerConfig, checks: readonly ConfigPluginCheck[]): string[] {
  const declared = new Set(checks.filter((c) => c.enabled).flatMap((c) => c.secrets.map((s) => s.variable)));
  const unjudged = checks.filter((c) => c.enabled && !c.definition).map((c) => `${PLUGIN_VARIABLE_PREFIX}${c.id.toUpperCase().replace(/-/g, '_')}_`);
  return Object.keys(config.pluginSecrets).filter((v) => !declared.has(v) && !unjudged.some((prefix) => v.startsWith(prefix))).sort();
}

function refuse(problems: readonly string[]): number {
  for (const problem of problems) process.stderr.write(`muster: ${printable(problem, 1000)}\n`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  process.stderr.write(`muster: plugins check found ${count}: \`muster start\` would refuse to start with this configuration.\n`);
  return 1;
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
