import type { MusterSettings, PersonRef } from '@muster/core';
import type { Store } from '@muster/store';

/** The console chat's workspace: every console person is in it. */
export const CONSOLE_WORKSPACE = 'local';

/** Who types at the console of `npm start`: the login name, made safe, or `you`. */
export const consoleHandle = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env.USER?.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'you';

export const consolePerson = (env?: Readonly<Record<string, string | undefined>>): PersonRef => {
  const handle = consoleHandle(env);
  return { platform: 'console', id: handle, name: handle };
};

/** Where the dashboard is for people: MUSTER_PUBLIC_URL, else this process's own address. */
export const dashboardBase = (publicUrl: string | undefined, localUrl: string): string => (publicUrl ?? localUrl).replace(/\/+$/, '');

/**
 * A one-time sign-in link for a person of a workspace, in that workspace's tenant. Only the link's
 * SHA-256 is stored; the link itself exists only in what this returns.
 */
export async function makeLoginLink(store: Pick<Store, 'webSessions'>, settings: Pick<MusterSettings, 'tenants'>, person: PersonRef, workspaceId: string, base: string): Promise<{ url: string; expiresAt: Date }> {
  const tenantId = settings.tenants.tenantOf(person.platform, workspaceId);
  const { token, expiresAt } = await store.webSessions.createSignInLink({ person, workspaceId, tenantId });
  return { url: `${base}/login/link/${token}`, expiresAt };
}
