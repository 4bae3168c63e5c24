import { isMusterError } from '@muster/core';
import type { CliCommand } from '../cli-command';
import { printable } from '../text';
import { checkPlugins } from './plugins/plugins-check';
import { listPlugins } from './plugins/plugins-list';
import { PLUGINS_USAGE, pluginsUsage, pluginsUsageError } from './plugins/plugins-usage';

interface PluginsAction {
  /** The options it takes; anything else is refused before anything is loaded. */
  readonly flags: readonly string[];
  run(flags: ReadonlySet<string>): Promise<number>;
}

const ACTIONS: Readonly<Record<string, PluginsAction>> = {
  list: { flags: ['--json'], run: (flags) => listPlugins({ json: flags.has('--json') }) },
  check: { flags: [], run: () => checkPlugins() },
  help: { flags: [], run: async () => { process.stdout.write(`${pluginsUsage()}\n`); return 0; } },
};

/** Exit codes: 0 done (check: every enabled plugin would start), 1 problems found or refused, 2 a command line that does not parse. */
export const pluginsCommand: CliCommand = {
  name: 'plugins',
  usage: PLUGINS_USAGE,
  summary: 'the plugins this server runs (list), or whether muster.yaml\'s would start (check, for CI)',
  async run(args) {
    const [given = 'help', ...rest] = args;
    const name = given === '--help' || given === '-h' ? 'help' : given;
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    try {
      if (!action) throw pluginsUsageError(`there is no "plugins ${printable(name)}"`);
      const unknown = rest.find((arg) => !action.flags.includes(arg));
      if (unknown !== undefined) {
        throw pluginsUsageError(action.flags.length ? `plugins ${name} takes only ${action.flags.join(', ')} (not "${printable(unknown)}")` : `plugins ${name} takes nothing more (not "${printable(unknown)}")`);
      }
    } catch (error) {
      if (!isMusterError(error, 'invalid_argument')) throw error;
      process.stderr.write(`muster: ${error.message}\n`);
      return 2;
    }
    return action.run(new Set(rest));
  },
};
