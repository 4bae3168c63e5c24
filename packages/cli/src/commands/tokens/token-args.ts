import { MusterError } from '@muster/core';
import { DEFAULT_API_TENANT } from '@muster/store';
import { describeProblem, readCommandLine, type CommandLineProblem } from '../../command-line';
import { printable } from '../../text';

export const TOKENS_USAGE = [
  'tokens create <name> [--tenant <id>]',
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
}

const NEEDS_TENANT = '--tenant needs a tenant id (letters, digits, . _ : -, up to 191 characters)';
const tenantProblem = (problem: CommandLineProblem): string => (problem.kind === 'missing-value' ? NEEDS_TENANT : describeProblem(problem));

/** Reads `[words…] [--tenant <id> | --tenant=<id>]`; anything else that looks like an option is refused. */
export function parseTokenArgs(args: readonly string[]): TokenArgs {
  const line = readCommandLine(args, { tenant: 'string' }, TOKENS_USAGE_TEXT, { positionals: true, describe: tenantProblem });
  const tenantId = line.options.tenant;
  if (tenantId !== undefined && !TENANT_ID.test(tenantId)) throw usageError(`${NEEDS_TENANT}, not "${printable(tenantId)}"`);
  return { subject: line.positionals.join(' ').trim(), ...(tenantId !== undefined && { tenantId }) };
}

export const tenantOf = (args: TokenArgs): string => args.tenantId ?? DEFAULT_API_TENANT;

export function usageError(what: string): MusterError {
  return new MusterError('invalid_argument', `${what}. Usage: ${TOKENS_USAGE_TEXT}`);
}
