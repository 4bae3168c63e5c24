import { randomUUID } from 'node:crypto';
import type { IdentityLinks, RequestContext } from '@muster/core';
import type { WebSession } from '@muster/store';

/**
 * A signed-in browser acts as the chat person it signed in as, in that person's workspace: the same
 * RequestContext a command from chat carries, so core's one access decision and role permissions apply
 * to the dashboard unchanged (a private incident is visible to its participants and admins only).
 * `key` makes a change idempotent: pages put a fresh one in each form, so a double submit runs once.
 */
export async function webContext(session: WebSession, key: string | undefined, links?: IdentityLinks): Promise<RequestContext> {
  const wellFormed = key && /^[A-Za-z0-9_-]{8,64}$/.test(key) ? key : randomUUID();
  const base: RequestContext = {
    actor: session.person,
    platform: session.person.platform,
    workspaceId: session.workspaceId,
    idempotencyKey: `web:${session.id}:${wellFormed}`,
  };
  const others = links ? await links.linkedTo(session.person, session.tenantId, session.workspaceId).catch(() => []) : [];
  return others.length ? { ...base, alsoKnownAs: others } : base;
}
