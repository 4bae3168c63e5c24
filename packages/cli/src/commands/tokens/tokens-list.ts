import type { ApiToken, Store } from '@muster/store';
import { minute as when, printable, table } from '../../text';
import type { TokenArgs } from './token-args';

const COLUMNS = ['ID', 'NAME', 'TENANT', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'] as const;

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
  return [token.id, printable(token.name), token.tenantId, token.scopes.join(','), when(token.createdAt), when(token.lastUsedAt, 'never'), when(token.revokedAt, 'no')];
}
