import { MusterError } from '@muster/core';
import { DEFAULT_API_TENANT } from '@muster/store';
import { printable } from '../../text';

export const TOKENS_USAGE = [
  'tokens create <name> [--tenant <id>]',
  'tokens list [--tenant <id>]',
  'tokens revoke <id|name> [--tenant <id>]',
];

/** A tenant id as the access rules compare it: short, printable, no spaces (it appears in logs and tables). */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,190}$/;

export interface TokenArgs {
  /** The words that are not options, joined by one space (a name may have spaces: `tokens create ci bot`). */
  readonly subject: string;
  readonly tenantId?: string;
}

/** Reads `[words…] [--tenant <id> | --tenant=<id>]`; anything else that looks like an option is refused. */
export function parseTokenArgs(args: readonly string[]): TokenArgs {
  const words: string[] = [];
  let tenantId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const inline = /^--tenant=(.*)$/s.exec(arg);
    if (arg === '--tenant' || inline) {
      const value = inline ? inline[1]! : args[++i];
      if (tenantId !== undefined) throw usageError('--tenant is given twice');
      if (value === undefined || !TENANT_ID.test(value)) {
        throw usageError(`--tenant needs a tenant id (letters, digits, . _ : -, up to 191 characters)${value === undefined ? '' : `, not "${printable(value)}"`}`);
      }
      tenantId = value;
    } else if (arg.startsWith('--')) {
      throw usageError(`unknown option ${printable(arg)}`);
    } else {
      words.push(arg);
    }
  }
  return { subject: words.join(' ').trim(), ...(tenantId !== undefined && { tenantId }) };
}

export const tenantOf = (args: TokenArgs): string => args.tenantId ?? DEFAULT_API_TENANT;

export function usageError(what: string): MusterError {
  return new MusterError('invalid_argument', `${what}. Usage: ${TOKENS_USAGE.map((u) => `muster ${u}`).join(' | ')}`);
}
