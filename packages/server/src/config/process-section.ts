import { CHAT_PLATFORMS, PERMISSIONS, type PermissionPolicy, type RoleDefinition, type SeverityLevel } from '@muster/core';
import type { ChannelRef } from './file-config';
import { join, type ValueReader } from './value-reader';

/** Severity, role and channel settings of muster.yaml: the process an installation follows. */

const SEVERITY_KEYS = ['id', 'label', 'description', 'updateCadenceMinutes', 'createsRoom', 'page'] as const;
const ROLE_KEYS = ['id', 'label', 'aliases', 'multiple', 'description'] as const;
const CHANNEL_KEYS = ['platform', 'workspaceId', 'conversationId'] as const;
const IDENTIFIER = { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, what: 'letters, digits, - or _ (at most 40)' };

export function readSeverities(r: ValueReader, value: unknown): SeverityLevel[] | undefined {
  const items = r.list(value, 'severities');
  if (!items) return undefined;
  if (items.length === 0) {
    r.problems.add('severities', 'must list at least one level (or be left out for SEV1–SEV3)');
    return undefined;
  }
  const levels: SeverityLevel[] = [];
  items.forEach((item, i) => {
    const key = `severities[${i}]`;
    const m = r.mapping(item, key, SEVERITY_KEYS);
    if (!m) {
      if (item === undefined || item === null) r.problems.add(key, 'must be a mapping with id, label and updateCadenceMinutes');
      return;
    }
    const ok = ['id', 'label', 'updateCadenceMinutes'].map((name) => r.required(m, name, key)).every(Boolean);
    const id = r.string(m.id, join(key, 'id'), IDENTIFIER);
    const label = r.string(m.label, join(key, 'label'));
    const cadence = r.positiveNumber(m.updateCadenceMinutes, join(key, 'updateCadenceMinutes'));
    const description = r.text(m.description, join(key, 'description'));
    const createsRoom = r.boolean(m.createsRoom, join(key, 'createsRoom'));
    const page = r.stringList(m.page, join(key, 'page'));
    if (ok && id && label && cadence) {
      levels.push({ id, label, description: description ?? '', updateCadenceMinutes: cadence, createsRoom: createsRoom ?? true, page: page ?? [] });
    }
  });
  // A partly valid list is not handed on: the core would report the gaps again, less clearly.
  return levels.length === items.length ? levels : undefined;
}

export function readRoles(r: ValueReader, value: unknown): RoleDefinition[] | undefined {
  const items = r.list(value, 'roles');
  if (!items) return undefined;
  const roles: RoleDefinition[] = [];
  items.forEach((item, i) => {
    const key = `roles[${i}]`;
    const m = r.mapping(item, key, ROLE_KEYS);
    if (!m) {
      if (item === undefined || item === null) r.problems.add(key, 'must be a mapping with id and label');
      return;
    }
    const ok = ['id', 'label'].map((name) => r.required(m, name, key)).every(Boolean);
    const id = r.string(m.id, join(key, 'id'), IDENTIFIER);
    const label = r.string(m.label, join(key, 'label'));
    const aliases = r.stringList(m.aliases, join(key, 'aliases'));
    const multiple = r.boolean(m.multiple, join(key, 'multiple'));
    const description = r.text(m.description, join(key, 'description'));
    if (ok && id && label) roles.push({ id, label, aliases: aliases ?? [], multiple: multiple ?? false, description: description ?? '' });
  });
  return roles.length === items.length ? roles : undefined;
}

export function readPermissions(r: ValueReader, value: unknown): Partial<PermissionPolicy> | undefined {
  const m = r.mapping(value, 'permissions', PERMISSIONS);
  if (!m) return undefined;
  const policy: Partial<Record<(typeof PERMISSIONS)[number], readonly string[]>> = {};
  for (const permission of PERMISSIONS) {
    const holders = r.stringList(m[permission], join('permissions', permission));
    if (holders) policy[permission] = holders;
  }
  return policy;
}

export function readChannels(r: ValueReader, value: unknown, key: string): ChannelRef[] | undefined {
  const items = r.list(value, key);
  if (!items) return undefined;
  const channels: ChannelRef[] = [];
  items.forEach((item, i) => {
    const at = `${key}[${i}]`;
    const m = r.mapping(item, at, CHANNEL_KEYS);
    if (!m) {
      if (item === undefined || item === null) r.problems.add(at, 'must be a mapping with platform, workspaceId and conversationId');
      return;
    }
    const ok = CHANNEL_KEYS.map((name) => r.required(m, name, at)).every(Boolean);
    const platform = r.oneOf(m.platform, join(at, 'platform'), CHAT_PLATFORMS);
    const workspaceId = r.string(m.workspaceId, join(at, 'workspaceId'));
    const conversationId = r.string(m.conversationId, join(at, 'conversationId'));
    if (ok && platform && workspaceId && conversationId) channels.push({ platform, workspaceId, conversationId });
  });
  return channels;
}

export function readStakeholderChannels(r: ValueReader, value: unknown): { internal: ChannelRef[]; external: ChannelRef[] } | undefined {
  const m = r.mapping(value, 'stakeholderChannels', ['internal', 'external']);
  if (!m) return undefined;
  return {
    internal: readChannels(r, m.internal, 'stakeholderChannels.internal') ?? [],
    external: readChannels(r, m.external, 'stakeholderChannels.external') ?? [],
  };
}
