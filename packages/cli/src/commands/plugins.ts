import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine, type CommandLineProblem, type OptionKinds } from '../command-line';
import { printable } from '../text';
import { checkPlugins } from './plugins/plugins-check';
import { listPlugins } from './plugins/plugins-list';
import { PLUGINS_USAGE, PLUGINS_USAGE_TEXT, pluginsUsage, pluginsUsageError } from './plugins/plugins-usage';

interface PluginsAction {
  /** The flags it takes; anything else is refused before anything is loaded. */
  readonly flags: OptionKinds;
  run(flags: ReadonlySet<string>): Promise<number>;
}

const ACTIONS: Readonly<Record<string, PluginsAction>> = {
  list: { flags: { json: 'boolean' }, run: (flags) => listPlugins({ json: flags.has('json') }) },
  check: { flags: {}, run: () => checkPlugins() },
  help: { flags: {}, run: async () => { process.stdout.write(`${pluginsUsage()}\n`); return 0; } },
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
    let flags: ReadonlySet<string>;
    try {
      if (!action) throw pluginsUsageError(`there is no "plugins ${printable(name)}"`);
      const takes = Object.keys(action.flags).map((flag) => `--${flag}`);
      const refusal = (problem: CommandLineProblem) => {
        const not = `(not "${printable('arg' in problem ? problem.arg : `--${problem.option}`)}")`;
        return takes.length ? `plugins ${name} takes only ${takes.join(', ')} ${not}` : `plugins ${name} takes nothing more ${not}`;
      };
      flags = new Set(Object.keys(readCommandLine(rest, action.flags, PLUGINS_USAGE_TEXT, { describe: refusal }).options));
    } catch (error) {
      return refusedCommandLine(error);
    }
    return action.run(flags);
  },
};
