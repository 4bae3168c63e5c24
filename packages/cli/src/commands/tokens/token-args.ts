import { MusterError } from '@muster/core';
import { API_SCOPES, DEFAULT_API_TENANT, type ApiScope } from '@muster/store';
import { describeProblem, readCommandLine, type CommandLineProblem } from '../../command-line';
import { printable } from '../../text';

export const TOKENS_USAGE = [
  'tokens create <name> [--tenant <id>] [--scope read,write,admin]',
  'tokens list [--tenant <id>]',
  'tokens revoke <id|name> [--tenant <id>]',
];
const TOKENS_USAGE_TEXT = TOKENS_USAGE.map((u) => `muster ${u}`).join(' | ');

/** A tenant id as the access rules compare it: short, printable, no spaces (it appears in logs and tables). */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,190}$/;

export interface TokenArgs {
  /** The words that are not options, joined by one space (a name may have spaces: `tokens create ci bot`). */
  readonly subject: string;
  readonly tenantId?: string;
  /** `--scope read,admin`; default read and write (admin, which edits the service catalogue, only when asked for). */
  readonly scopes?: readonly ApiScope[];
}

const NEEDS_TENANT = '--tenant needs a tenant id (letters, digits, . _ : -, up to 191 characters)';
const NEEDS_SCOPE = `--scope needs one or more of ${API_SCOPES.join(', ')}, separated by commas`;
const optionProblem = (problem: CommandLineProblem): string => {
  if (problem.kind !== 'missing-value') return describeProblem(problem);
  return problem.option === 'scope' ? NEEDS_SCOPE : NEEDS_TENANT;
};

/** Reads `[words…] [--tenant <id>] [--scope <list>]` (or `--x=<v>`); anything else that looks like an option is refused. */
export function parseTokenArgs(args: readonly string[]): TokenArgs {
  const line = readCommandLine(args, { tenant: 'string', scope: 'string' }, TOKENS_USAGE_TEXT, { positionals: true, describe: optionProblem });
  const tenantId = line.options.tenant;
  if (tenantId !== undefined && !TENANT_ID.test(tenantId)) throw usageError(`${NEEDS_TENANT}, not "${printable(tenantId)}"`);
  const scopes = line.options.scope === undefined ? undefined : readScopes(line.options.scope);
  return { subject: line.positionals.join(' ').trim(), ...(tenantId !== undefined && { tenantId }), ...(scopes && { scopes }) };
}

function readScopes(text: string): ApiScope[] {
  const words = text.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
  const bad = words.find((w) => !(API_SCOPES as readonly string[]).includes(w));
  if (bad !== undefined || words.length === 0) throw usageError(`${NEEDS_SCOPE}${bad !== undefined ? `, not "${printable(bad)}"` : ''}`);
  return API_SCOPES.filter((s) => words.includes(s));
}

export const tenantOf = (args: TokenArgs): string => args.tenantId ?? DEFAULT_API_TENANT;

export function usageError(what: string): MusterError {
  return new MusterError('invalid_argument', `${what}. Usage: ${TOKENS_USAGE_TEXT}`);
}
