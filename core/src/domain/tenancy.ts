import type { Platform } from './person';

/** The tenant of everything not configured otherwise: the console, API tokens without one, a single Slack workspace. */
export const DEFAULT_TENANT = 'default';

/** One organization's chat workspaces: Slack team ids and Teams tenant ids, by platform. */
export interface TenantDefinition {
  readonly id: string;
  readonly workspaces: readonly { readonly platform: Platform; readonly workspaceId: string }[];
}

/**
 * Which organization a chat workspace belongs to. Incidents belong to a tenant, and nothing of one
 * tenant is seen from another. A workspace named in configuration belongs to that tenant; an unlisted
 * one belongs to the default tenant, unless `isolateUnlisted` is set (a Slack app installed by OAuth into
 * many workspaces, which may be different companies): then each unlisted workspace is a tenant of its own.
 */
export class TenantMap {
  private readonly byWorkspace = new Map<string, string>();

  constructor(readonly tenants: readonly TenantDefinition[] = [], readonly isolateUnlisted = false) {
    for (const tenant of tenants) {
      for (const w of tenant.workspaces) this.byWorkspace.set(workspaceKey(w.platform, w.workspaceId), tenant.id);
    }
  }

  /** The chat workspaces configuration lists for a tenant (none for an unlisted or isolated one). */
  workspacesOf(tenantId: string): readonly { readonly platform: Platform; readonly workspaceId: string }[] {
    return this.tenants.find((t) => t.id === tenantId)?.workspaces ?? [];
  }

  /** REST callers carry their token's tenant as their workspace; chat callers are mapped. */
  tenantOf(platform: Platform, workspaceId: string): string {
    if (platform === 'api' || platform === 'webhook') return workspaceId || DEFAULT_TENANT;
    const listed = this.byWorkspace.get(workspaceKey(platform, workspaceId));
    if (listed) return listed;
    return this.isolateUnlisted && platform !== 'console' ? workspaceKey(platform, workspaceId) : DEFAULT_TENANT;
  }
}

const workspaceKey = (platform: string, workspaceId: string): string => `${platform}:${workspaceId}`;
