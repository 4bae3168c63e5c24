import { MusterError } from '@muster/core';
import type { ApiToken, Store } from '@muster/store';
import { printable } from '../../text';
import { tenantOf, type TokenArgs } from './token-args';

/**
 * `tokens revoke <id|name> [--tenant <id>]`: an id is tried first, then a name in the tenant (default
 * `default`). The server checks tokens on every request, so the next request with it gets 401.
 */
export async function revokeToken(store: Store, parsed: TokenArgs): Promise<number> {
  const tenantId = tenantOf(parsed);
  const byId = await store.apiTokens.find(parsed.subject);
  const target = byId && (parsed.tenantId === undefined || byId.tenantId === parsed.tenantId) ? byId : await store.apiTokens.findByName(parsed.subject, tenantId);
  if (!target) {
    throw new MusterError('not_found',
      `There is no API token with the id "${printable(parsed.subject)}", nor one named so in tenant ${tenantId}; ` +
      'run `npx muster tokens list` to see the ids and names (add --tenant <id> for a token of another tenant).');
  }
  if (target.revokedAt) {
    process.stdout.write(`API token "${printable(target.name)}" (id ${target.id}, tenant ${target.tenantId}) was already revoked at ${target.revokedAt.toISOString()}.\n`);
    return 0;
  }
  const revoked: ApiToken = await store.apiTokens.revoke(target.id);
  process.stdout.write(`Revoked API token "${printable(revoked.name)}" (id ${revoked.id}, tenant ${revoked.tenantId}): requests with it are refused from now on.\n`);
  return 0;
}
