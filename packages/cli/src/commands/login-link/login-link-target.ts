import { MusterError, type PersonRef } from '@muster/core';
import { CONSOLE_WORKSPACE, consolePerson, type ServerConfig } from '@muster/server';
import { printable } from '../../text';

export const LOGIN_LINK_USAGE = 'login-link [--as <person key>] [--workspace <id>]';

const PERSON_KEY = /^(slack|teams|console):(\S{1,190})$/;

/** Who the link signs in, and where. */
export interface LinkTarget {
  readonly person: PersonRef;
  readonly workspaceId: string;
}

/** A command line that cannot be right: exit code 2. */
export const usageError = (what: string): MusterError => new MusterError('invalid_argument', `${what}. Usage: muster ${LOGIN_LINK_USAGE}`);
/** A refusal about the configuration (not an administrator, no workspace to pick): exit code 1. */
export const refusal = (what: string): MusterError => new MusterError('not_permitted', what);

/**
 * Without `--as`: the console's person (the one `npm start`'s console chat types as) in the console
 * workspace. With `--as <key>`: an administrator named in `admins:` of muster.yaml, only, since the link
 * acts as them; a Slack or Teams person also needs their workspace: `--workspace`, or the only one the
 * configuration knows for that platform (`tenants:`, homeWorkspaceId, MICROSOFT_APP_TENANT_ID).
 */
export function linkTarget(config: ServerConfig, as: string | undefined, workspace: string | undefined): LinkTarget {
  if (workspace !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,190}$/.test(workspace)) throw usageError(`--workspace needs a workspace id (a Slack team id like T0123, a Microsoft tenant id), not "${printable(workspace)}"`);
  if (as === undefined) {
    if (workspace !== undefined && workspace !== CONSOLE_WORKSPACE) throw usageError('--workspace goes with --as <slack:… or teams:… person>; the console user is always in the console workspace');
    return { person: consolePerson(), workspaceId: CONSOLE_WORKSPACE };
  }
  const match = PERSON_KEY.exec(as);
  if (!match) throw usageError(`--as needs a person key like slack:U0123ABCD, teams:<object id> or console:you, not "${printable(as)}"`);
  if (!config.settings.admins.includes(as)) {
    throw refusal(`${printable(as)} is not an administrator: a sign-in link acts as its person, so only people listed under admins: in muster.yaml can be named with --as. Add them there, or leave out --as for the console user.`);
  }
  const platform = match[1] as 'slack' | 'teams' | 'console';
  const person: PersonRef = { platform, id: match[2]! };
  if (platform === 'console') return { person, workspaceId: workspace ?? CONSOLE_WORKSPACE };
  if (workspace) return { person, workspaceId: workspace };
  const known = knownWorkspaces(config, platform);
  if (known.length === 1) return { person, workspaceId: known[0]! };
  throw refusal(`Say which ${platform === 'slack' ? 'Slack workspace' : 'Microsoft tenant'} ${printable(as)} is in with --workspace <id>: ${known.length ? `the configuration knows several (${known.join(', ')})` : 'the configuration names none'}.`);
}

function knownWorkspaces(config: ServerConfig, platform: 'slack' | 'teams'): string[] {
  const found = new Set<string>();
  for (const t of config.settings.tenants.tenants) for (const w of t.workspaces) if (w.platform === platform) found.add(w.workspaceId);
  if (config.settings.homePlatform === platform && config.settings.homeWorkspaceId) found.add(config.settings.homeWorkspaceId);
  if (platform === 'teams' && config.teams.tenantId) found.add(config.teams.tenantId);
  return [...found];
}
