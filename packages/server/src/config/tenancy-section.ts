import { CHAT_PLATFORMS, type TenantDefinition } from '@muster/core';
import { join, type ValueReader } from './value-reader';

const TENANT_ID = { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, what: 'letters, digits, ".", "_" or "-" (at most 64)' };
const PERSON_KEY = { pattern: /^(slack|teams|console):\S{1,190}$/, what: 'a person key like slack:U0123ABCD, teams:<object id> or console:@root' };

/**
 * `tenants:` names the organizations and their chat workspaces, e.g.
 * `tenants: { acme: { slack: [T0123], teams: [<tenant id>] } }`; a workspace belongs to one tenant only.
 */
export function readTenants(r: ValueReader, value: unknown): TenantDefinition[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    r.problems.add('tenants', 'must be a mapping of tenant id to its workspaces, like acme: { slack: [T0123] }', value);
    return undefined;
  }
  const seen = new Map<string, string>();
  const tenants: TenantDefinition[] = [];
  for (const [id, spec] of Object.entries(value as Record<string, unknown>)) {
    const key = join('tenants', id);
    if (!TENANT_ID.pattern.test(id)) r.problems.add(key, `is not a valid tenant id: use ${TENANT_ID.what}`);
    const m = r.mapping(spec, key, CHAT_PLATFORMS);
    if (!m) continue;
    const workspaces = CHAT_PLATFORMS.flatMap((platform) => (r.stringList(m[platform], join(key, platform)) ?? []).map((workspaceId) => ({ platform, workspaceId })));
    for (const w of workspaces) {
      const other = seen.get(`${w.platform}:${w.workspaceId}`);
      if (other) r.problems.add(join(key, w.platform), `lists ${w.workspaceId}, which already belongs to tenant "${other}"`);
      seen.set(`${w.platform}:${w.workspaceId}`, id);
    }
    tenants.push({ id, workspaces });
  }
  return tenants;
}

/** `admins:` people who see every incident of their tenant, as person keys. */
export function readAdmins(r: ValueReader, value: unknown): string[] | undefined {
  const list = r.stringList(value, 'admins');
  list?.forEach((k, i) => { if (!PERSON_KEY.pattern.test(k)) r.problems.add(`admins[${i}]`, `must be ${PERSON_KEY.what}`, k); });
  return list;
}
