import { describeRedisAddress as redisTarget } from '../runtime/redis/redis-address';
import type { ServerConfig } from './server-config';

/**
 * What the start log says about the configuration: which integrations are on, never their tokens.
 * Built field by field from non-secret values, so a new secret setting cannot leak in by accident.
 */
export function configSummary(config: ServerConfig): Record<string, unknown> {
  return {
    port: config.port,
    database: config.database.display,
    ...(config.database.kind === 'sqlite' && !config.database.inMemory && { sqliteSynchronous: config.sqliteSynchronous ?? 'normal' }),
    autoMigrate: config.autoMigrate,
    console: config.console,
    configFile: config.configFile ?? null,
    publicUrl: config.publicUrl ?? null,
    chatPlatforms: chatPlatforms(config),
    slack: config.slack.botToken || config.slack.clientId ? { webApi: true, apiUrl: config.slack.apiUrl, signingSecret: !!config.slack.signingSecret, socketMode: !!config.slack.appToken, oauth: !!config.slack.clientId } : false,
    teams: teamsSummary(config),
    llm: llmSummary(config),
    secretKeyFromEnvironment: !!config.secretKey,
    multiInstance: multiInstanceSummary(config),
    severities: config.settings.severities.ids(),
    roles: config.settings.roles.roles.map((r) => r.id),
    home: config.settings.homePlatform ? `${config.settings.homePlatform}:${config.settings.homeWorkspaceId}` : null,
  };
}

export function chatPlatforms(config: ServerConfig): string[] {
  return [config.console && 'console', (config.slack.botToken || config.slack.clientId) && 'slack', teamsOn(config) && 'teams'].filter((p): p is string => !!p);
}

const teamsOn = (config: ServerConfig): boolean => !!config.teams.appId || config.teams.anonymous;

/** Which app and tenant, where keys and tokens come from and which extra hosts are trusted; never the password. */
function teamsSummary(config: ServerConfig): Record<string, unknown> | false {
  const t = config.teams;
  if (!teamsOn(config)) return false;
  if (t.anonymous) return { anonymous: true, trustedHosts: t.trustedHosts };
  return { appId: t.appId, tenant: t.tenantId ?? 'multi-tenant', loginUrl: t.loginUrl, trustedHosts: t.trustedHosts };
}

export function llmSummary(config: ServerConfig): string {
  if (!config.llm.apiKey && !config.llm.baseUrl) return 'extractive (no model configured)';
  return `${config.llm.model ?? 'gpt-4o-mini'} via ${config.llm.baseUrl ? 'OPENAI_BASE_URL' : 'OpenAI'}`;
}

/** `Redis redis://host:port` (never the password), with whether this process works the queues; false in embedded mode. */
export function multiInstanceSummary(config: ServerConfig): string | false {
  const { redisUrl, redisPrefix: prefix, queues: { work } } = config;
  if (!redisUrl) return false;
  return `Redis ${redisTarget(redisUrl)} (prefix ${prefix}${work ? '' : ', queues worked elsewhere'})`;
}
