import { CHAT_PLATFORMS, ROOM_PLACEMENTS } from '@muster/core';
import { LLM_TASKS, LOG_LEVELS, TOP_LEVEL_KEYS, type FileConfig, type FileLlmSection, type FileServerSection } from './file-config';
import { readChannels, readPermissions, readRoles, readSeverities, readStakeholderChannels } from './process-section';
import { readAdmins, readTenants } from './tenancy-section';
import { join, type ValueReader } from './value-reader';

const SERVER_KEYS = ['port', 'publicUrl', 'logLevel', 'autoMigrate', 'console'] as const;
const LLM_KEYS = ['model', 'models', 'timeoutMs', 'deadlineMs', 'maxRetries', 'temperature', 'budgets'] as const;
const BUDGET_KEYS = ['contextTokens', 'chunkTokens', 'factsTokens', 'entryTokens'] as const;
const HTTP_URL = { pattern: /^https?:\/\/[^\s]+$/, what: 'an http:// or https:// URL' };
const REACTION = { pattern: /^[a-z0-9_+-]{1,80}$/, what: 'a reaction name without colons, like pushpin' };
const ROOM_PATTERN = { pattern: /\{number\}/, what: 'a pattern containing {number} (rooms must be unique), like inc-{number}-{slug}' };

/** Validates a parsed muster.yaml document; problems are recorded in the reader, not thrown. */
export function readFileConfig(r: ValueReader, document: unknown): FileConfig {
  if (document === undefined || document === null) return { server: {}, llm: {} };
  const top = r.mapping(document, '', TOP_LEVEL_KEYS);
  if (!top) return { server: {}, llm: {} };
  const homePlatform = r.oneOf(top.homePlatform, 'homePlatform', CHAT_PLATFORMS);
  const homeWorkspaceId = r.string(top.homeWorkspaceId, 'homeWorkspaceId');
  if ((top.homePlatform === undefined) !== (top.homeWorkspaceId === undefined)) {
    r.problems.add(top.homePlatform === undefined ? 'homePlatform' : 'homeWorkspaceId', 'is required when the other home setting is given (rooms for API and alert declarations open there)');
  }
  const roomPlacement = r.oneOf(top.roomPlacement, 'roomPlacement', ROOM_PLACEMENTS);
  if (roomPlacement && roomPlacement !== 'declared' && top.homePlatform === undefined) {
    r.problems.add('roomPlacement', `${roomPlacement} opens rooms on the home platform: set homePlatform and homeWorkspaceId too`);
  }
  return {
    server: readServer(r, top.server),
    severities: readSeverities(r, top.severities),
    roles: readRoles(r, top.roles),
    permissions: readPermissions(r, top.permissions),
    roomNamePattern: r.string(top.roomNamePattern, 'roomNamePattern', ROOM_PATTERN),
    announcementChannels: readChannels(r, top.announcementChannels, 'announcementChannels'),
    stakeholderChannels: readStakeholderChannels(r, top.stakeholderChannels),
    declarerTakesCommand: r.boolean(top.declarerTakesCommand, 'declarerTakesCommand'),
    highlightReaction: r.string(top.highlightReaction, 'highlightReaction', REACTION),
    summarizePrivateIncidents: r.boolean(top.summarizePrivateIncidents, 'summarizePrivateIncidents'),
    homePlatform,
    homeWorkspaceId,
    roomPlacement,
    tenants: readTenants(r, top.tenants),
    admins: readAdmins(r, top.admins),
    llm: readLlm(r, top.llm),
    plugins: readPlugins(r, top.plugins),
  };
}

const PLUGIN_KEYS = ['enabled', 'package', 'config'] as const;
const PLUGIN_ID = { pattern: /^[a-z][a-z0-9-]{1,39}$/, what: 'a plugin id: lower-case letters, digits or "-"' };

/** `plugins: { <id>: { enabled, package?, config? } }`; each config is checked later by its plugin's schema. */
function readPlugins(r: ValueReader, value: unknown): FileConfig['plugins'] {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    r.problems.add('plugins', 'must be a mapping of plugin id to its settings, like alertmanager: { enabled: true }', value);
    return undefined;
  }
  const plugins: Record<string, { enabled: boolean; package?: string; config: Record<string, unknown> }> = {};
  for (const [id, spec] of Object.entries(value as Record<string, unknown>)) {
    const key = join('plugins', id);
    if (!PLUGIN_ID.pattern.test(id)) r.problems.add(key, `is not a valid plugin id: use ${PLUGIN_ID.what}`);
    const m = r.mapping(spec, key, PLUGIN_KEYS);
    if (!m) continue;
    const config = r.mapping(m.config, join(key, 'config'), Object.keys((m.config ?? {}) as object));
    plugins[id] = { enabled: r.boolean(m.enabled, join(key, 'enabled')) ?? true, package: r.string(m.package, join(key, 'package')), config: config ?? {} };
  }
  return plugins;
}

function readServer(r: ValueReader, value: unknown): FileServerSection {
  const m = r.mapping(value, 'server', SERVER_KEYS);
  if (!m) return {};
  return {
    port: r.integer(m.port, 'server.port', 0, 65535),
    publicUrl: r.string(m.publicUrl, 'server.publicUrl', HTTP_URL),
    logLevel: r.oneOf(m.logLevel, 'server.logLevel', LOG_LEVELS),
    autoMigrate: r.boolean(m.autoMigrate, 'server.autoMigrate'),
    console: r.boolean(m.console, 'server.console'),
  };
}

function readLlm(r: ValueReader, value: unknown): FileLlmSection {
  const m = r.mapping(value, 'llm', LLM_KEYS);
  if (!m) return {};
  const models = r.mapping(m.models, 'llm.models', LLM_TASKS);
  const budgets = r.mapping(m.budgets, 'llm.budgets', BUDGET_KEYS);
  return {
    model: r.string(m.model, 'llm.model'),
    models: models && Object.fromEntries(LLM_TASKS.map((task) => [task, r.string(models[task], join('llm.models', task))]).filter(([, v]) => v !== undefined)),
    timeoutMs: r.integer(m.timeoutMs, 'llm.timeoutMs', 1, 600_000),
    deadlineMs: r.integer(m.deadlineMs, 'llm.deadlineMs', 1, 3_600_000),
    maxRetries: r.integer(m.maxRetries, 'llm.maxRetries', 0, 10),
    temperature: r.number(m.temperature, 'llm.temperature', 0, 2),
    budgets: budgets && {
      contextTokens: r.integer(budgets.contextTokens, 'llm.budgets.contextTokens', 1, 2_000_000),
      chunkTokens: r.integer(budgets.chunkTokens, 'llm.budgets.chunkTokens', 1, 2_000_000),
      factsTokens: r.integer(budgets.factsTokens, 'llm.budgets.factsTokens', 1, 2_000_000),
      entryTokens: r.integer(budgets.entryTokens, 'llm.budgets.entryTokens', 1, 2_000_000),
    },
  };
}
