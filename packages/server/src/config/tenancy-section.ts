import { CHAT_PLATFORMS, type TenantDefinition } from '@muster/core';
import { z } from 'zod';
import { entries, list, settings, text, textList, whenAMapping } from './schema-kit';

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PERSON_KEY = { pattern: /^(slack|teams|console):\S{1,190}$/, what: 'a person key like slack:U0123ABCD, teams:<object id> or console:@root' };

const TENANT = settings(Object.fromEntries(CHAT_PLATFORMS.map((platform) => [platform, textList().optional()])));

/**
 * `tenants:` names the organizations and their chat workspaces, e.g.
 * `tenants: { acme: { slack: [T0123], teams: [<tenant id>] } }`; a workspace belongs to one tenant only.
 */
export const TENANTS: z.ZodType<TenantDefinition[]> = entries(z.string().regex(TENANT_ID), TENANT, {
  badId: 'is not a valid tenant id: use letters, digits, ".", "_" or "-" (at most 64)',
  notAMapping: 'must be a mapping of tenant id to its workspaces, like acme: { slack: [T0123] }',
})
  // Checked even when another tenant is wrong, so one start reports both.
  .superRefine(oneTenantPerWorkspace, { when: whenAMapping })
  .transform((tenants) => Object.entries(tenants).map(([id, spec]) => ({ id, workspaces: workspacesOf(spec) })));

/** `admins:` people who see every incident of their tenant, as person keys. */
export const ADMINS: z.ZodType<string[]> = list(text(PERSON_KEY));

function oneTenantPerWorkspace(tenants: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const seen = new Map<string, string>();
  for (const [id, spec] of Object.entries(tenants)) {
    for (const { platform, workspaceId } of workspacesOf(spec)) {
      const other = seen.get(`${platform}:${workspaceId}`);
      if (other) ctx.addIssue({ code: 'custom', path: [id, platform], message: `lists ${workspaceId}, which already belongs to tenant "${other}"` });
      else seen.set(`${platform}:${workspaceId}`, id);
    }
  }
}

/** The workspaces a tenant lists; read defensively, because the check also runs when some of them are wrong. */
function workspacesOf(spec: unknown): TenantDefinition['workspaces'] {
  if (typeof spec !== 'object' || spec === null) return [];
  const lists = spec as Partial<Record<(typeof CHAT_PLATFORMS)[number], unknown>>;
  return CHAT_PLATFORMS.flatMap((platform) => {
    const ids = lists[platform];
    return Array.isArray(ids) ? ids.filter((w): w is string => typeof w === 'string').map((workspaceId) => ({ platform, workspaceId: workspaceId.trim() })) : [];
  });
}
