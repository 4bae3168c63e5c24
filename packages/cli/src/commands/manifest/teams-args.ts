import { MusterError } from '@muster/core';

export const TEAMS_USAGE = 'manifest teams [--app-id <guid>] [--out <file>] [--name <short name>] [--app-version <x.y.z>]';

export interface TeamsArgs {
  readonly appId?: string;
  readonly out?: string;
  readonly name?: string;
  readonly appVersion?: string;
}

const OPTIONS: Readonly<Record<string, keyof TeamsArgs>> = { '--app-id': 'appId', '--out': 'out', '--name': 'name', '--app-version': 'appVersion' };

/** For echoing input back: no control characters (a terminal would run escapes), and short. */
const printable = (text: string) => {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
};

export function teamsUsageError(what: string): MusterError {
  return new MusterError('invalid_argument', `${what}. Usage: muster ${TEAMS_USAGE}`);
}

/** Reads `--option value` and `--option=value` for the options above; anything else is refused. */
export function parseTeamsArgs(args: readonly string[]): TeamsArgs {
  const parsed: { -readonly [K in keyof TeamsArgs]?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = Object.hasOwn(OPTIONS, flag) ? OPTIONS[flag] : undefined;
    if (!key) throw teamsUsageError(arg.startsWith('-') ? `unknown option ${printable(arg)}` : `unexpected "${printable(arg)}"`);
    const value = inline ?? args[++i];
    if (value === undefined || value.trim() === '' || (inline === undefined && value.startsWith('--'))) throw teamsUsageError(`${flag} needs a value`);
    if (parsed[key] !== undefined) throw teamsUsageError(`${flag} is given twice`);
    parsed[key] = value.trim();
  }
  return parsed;
}
