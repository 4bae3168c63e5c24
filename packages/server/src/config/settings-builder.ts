import {
  DEFAULT_PERMISSIONS, DEFAULT_ROLES, DEFAULT_SEVERITIES, defaultSettings, isMusterError, RoleCatalog, SeverityCatalog, TenantMap,
  type MusterSettings, type PermissionPolicy, type RoleDefinition,
} from '@muster/core';
import type { FileConfig } from './file-config';
import type { Problems } from './problems';
import { reminderSettings } from './reminders-section';
import { readWorkflows } from './workflows-section';

/**
 * The core's settings from a validated muster.yaml. The catalogues check their own invariants (two
 * levels with one id, a permission naming a missing role); their messages are passed on as they are.
 */
/**
 * `isolateWorkspaces`: a Slack app installed by OAuth serves many workspaces, which may be different
 * companies, so each workspace not listed under `tenants:` is a tenant of its own.
 */
export function buildSettings(file: FileConfig, publicUrl: string | undefined, problems: Problems, isolateWorkspaces = false): MusterSettings {
  const severities = catalogue(problems, () => new SeverityCatalog(file.severities ?? DEFAULT_SEVERITIES));
  const roleList = file.roles ?? DEFAULT_ROLES;
  const roles = catalogue(problems, () => new RoleCatalog(roleList, { ...defaultPermissionsFor(roleList), ...file.permissions }));
  const workflows = readWorkflows(file.workflows, { severities, roles, ...(file.services && { services: Object.keys(file.services) }) }, problems);
  return defaultSettings({
    ...(workflows.length > 0 && { workflows }),
    ...(severities && { severities }),
    ...(roles && { roles }),
    ...(file.roomNamePattern !== undefined && { roomNamePattern: file.roomNamePattern }),
    ...(file.announcementChannels !== undefined && { announcementChannels: file.announcementChannels }),
    ...(file.stakeholderChannels !== undefined && { stakeholderChannels: file.stakeholderChannels }),
    ...(file.declarerTakesCommand !== undefined && { declarerTakesCommand: file.declarerTakesCommand }),
    ...(file.highlightReaction !== undefined && { highlightReaction: file.highlightReaction }),
    ...(file.summarizePrivateIncidents !== undefined && { summarizePrivateIncidents: file.summarizePrivateIncidents }),
    ...(file.homePlatform !== undefined && { homePlatform: file.homePlatform }),
    ...(file.homeWorkspaceId !== undefined && { homeWorkspaceId: file.homeWorkspaceId }),
    ...(file.roomPlacement !== undefined && { roomPlacement: file.roomPlacement }),
    ...(publicUrl !== undefined && { publicUrl }),
    tenants: new TenantMap(file.tenants ?? [], isolateWorkspaces),
    ...(file.admins !== undefined && { admins: file.admins }),
    reminders: reminderSettings(file.reminders),
  });
}

/**
 * A custom role list need not repeat the permissions: each default keeps the holders that still exist,
 * and falls back to the commander, so renaming roles never fails on permissions the file did not mention.
 */
function defaultPermissionsFor(roles: readonly RoleDefinition[]): PermissionPolicy {
  const ids = new Set(roles.map((r) => r.id));
  const entries = Object.entries(DEFAULT_PERMISSIONS).map(([permission, holders]) => {
    const kept = holders.filter((id) => ids.has(id));
    return [permission, kept.length ? kept : ['commander']];
  });
  return Object.fromEntries(entries) as PermissionPolicy;
}

function catalogue<T>(problems: Problems, build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!isMusterError(error, 'configuration')) throw error;
    problems.addLine(error.message);
    return undefined;
  }
}
