import { MusterError } from '@muster/core';
import { readCommandLine } from '../../command-line';

export const TEAMS_USAGE = 'manifest teams [--app-id <guid>] [--out <file>] [--name <short name>] [--app-version <x.y.z>]';

export interface TeamsArgs {
  readonly appId?: string;
  readonly out?: string;
  readonly name?: string;
  readonly appVersion?: string;
}

/** Each option's field in TeamsArgs. */
const FIELDS = { 'app-id': 'appId', out: 'out', name: 'name', 'app-version': 'appVersion' } as const;
const KINDS = { 'app-id': 'string', out: 'string', name: 'string', 'app-version': 'string' } as const;

/** Reads `--option value` and `--option=value` for the options above; anything else is refused, as is a blank value. */
export function parseTeamsArgs(args: readonly string[]): TeamsArgs {
  const usage = `muster ${TEAMS_USAGE}`;
  const { options } = readCommandLine(args, KINDS, usage);
  const parsed: { -readonly [K in keyof TeamsArgs]?: string } = {};
  for (const option of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const value = options[option]?.trim();
    if (value === '') throw new MusterError('invalid_argument', `--${option} needs a value. Usage: ${usage}`);
    if (value !== undefined) parsed[FIELDS[option]] = value;
  }
  return parsed;
}
