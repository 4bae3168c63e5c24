import type { ApiToken, Store } from '@muster/store';
import { printable, type TokenArgs } from './token-args';

const COLUMNS = ['ID', 'NAME', 'TENANT', 'CREATED', 'LAST USED', 'REVOKED'] as const;

/** `tokens list [--tenant <id>]`: one row per token; never the token or its hash (the store does not return them). */
export async function listTokens(store: Store, parsed: TokenArgs): Promise<number> {
  const tokens = await store.apiTokens.list(parsed.tenantId === undefined ? {} : { tenantId: parsed.tenantId });
  if (tokens.length === 0) {
    const where = parsed.tenantId === undefined ? '' : ` in tenant ${parsed.tenantId}`;
    process.stdout.write(`There are no API tokens${where}. Create one with: npx muster tokens create <name>\n`);
    return 0;
  }
  process.stdout.write(`${table([COLUMNS, ...tokens.map(row)])}\n`);
  return 0;
}

function row(token: ApiToken): readonly string[] {
  return [token.id, printable(token.name), token.tenantId, when(token.createdAt), when(token.lastUsedAt, 'never'), when(token.revokedAt, 'no')];
}

const when = (date: Date | undefined, none = '-'): string => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')}Z` : none);

function table(rows: readonly (readonly string[])[]): string {
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
