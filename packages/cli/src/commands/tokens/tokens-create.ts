import type { Store } from '@muster/store';
import { tenantOf, type TokenArgs } from './token-args';

/** `tokens create <name> [--tenant <id>] [--scope <list>]`: prints the token once, on stdout. */
export async function createToken(store: Store, args: TokenArgs): Promise<number> {
  const { token, record } = await store.apiTokens.create(args.subject, { tenantId: tenantOf(args), ...(args.scopes && { scopes: args.scopes }) });
  process.stdout.write([
    `Created API token "${record.name}" for tenant ${record.tenantId} (id ${record.id}) with scopes ${record.scopes.join(', ')}:`,
    '',
    `  ${token}`,
    '',
    'Copy it now: it cannot be shown again (only its hash is stored).',
    'Send it as: Authorization: Bearer <token>',
    `Revoke it with: npx muster tokens revoke ${record.id}`,
    '',
  ].join('\n'));
  return 0;
}
