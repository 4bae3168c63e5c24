import { DEFAULT_TENANT, type MusterSettings } from '@muster/core';
import type { InstallationSpec } from '../runtime/installation';

/** The home tenant and where its rooms open: the muster.yaml installations' place. */
export function homeOf(settings: MusterSettings): { tenantId: string; roomsAt?: InstallationSpec['roomsAt'] } {
  const { homePlatform, homeWorkspaceId, tenants } = settings;
  if (!homePlatform || !homeWorkspaceId) return { tenantId: DEFAULT_TENANT };
  return { tenantId: tenants.tenantOf(homePlatform, homeWorkspaceId), roomsAt: { platform: homePlatform, workspaceId: homeWorkspaceId } };
}
