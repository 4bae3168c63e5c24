/** Every environment variable Muster reads. The names are shared across the project (ARCHITECTURE.md §8). */
export const ENV = {
  port: 'MUSTER_PORT',
  databaseUrl: 'MUSTER_DATABASE_URL',
  secretKey: 'MUSTER_SECRET_KEY',
  publicUrl: 'MUSTER_PUBLIC_URL',
  configFile: 'MUSTER_CONFIG',
  autoMigrate: 'MUSTER_AUTO_MIGRATE',
  sqliteSynchronous: 'MUSTER_SQLITE_SYNCHRONOUS',
  logLevel: 'MUSTER_LOG_LEVEL',
  console: 'MUSTER_CONSOLE',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'MUSTER_REDIS_PREFIX',
  workQueues: 'MUSTER_WORK_QUEUES',
  queueLockDurationMs: 'MUSTER_QUEUE_LOCK_DURATION_MS',
  queueStalledIntervalMs: 'MUSTER_QUEUE_STALLED_INTERVAL_MS',
  slackSigningSecret: 'SLACK_SIGNING_SECRET',
  slackBotToken: 'SLACK_BOT_TOKEN',
  slackAppToken: 'SLACK_APP_TOKEN',
  slackApiUrl: 'SLACK_API_URL',
  slackClientId: 'SLACK_CLIENT_ID',
  slackClientSecret: 'SLACK_CLIENT_SECRET',
  slackStateSecret: 'SLACK_STATE_SECRET',
  slackSignInClientId: 'MUSTER_SLACK_CLIENT_ID',
  slackSignInClientSecret: 'MUSTER_SLACK_CLIENT_SECRET',
  slackOidcIssuer: 'SLACK_OIDC_ISSUER',
  microsoftAppId: 'MICROSOFT_APP_ID',
  microsoftAppPassword: 'MICROSOFT_APP_PASSWORD',
  microsoftAppTenantId: 'MICROSOFT_APP_TENANT_ID',
  microsoftGraphUrl: 'MICROSOFT_GRAPH_URL',
  microsoftLoginUrl: 'MICROSOFT_LOGIN_URL',
  entraClientId: 'MUSTER_ENTRA_CLIENT_ID',
  entraClientSecret: 'MUSTER_ENTRA_CLIENT_SECRET',
  teamsAnonymous: 'TEAMS_ANONYMOUS',
  teamsTrustedHosts: 'TEAMS_TRUSTED_HOSTS',
  teamsIncidentsTeamId: 'TEAMS_INCIDENTS_TEAM_ID',
  teamsIncidentsChannelId: 'TEAMS_INCIDENTS_CHANNEL_ID',
  teamsAppCatalogId: 'TEAMS_APP_CATALOG_ID',
  nodeEnv: 'NODE_ENV',
  openAiApiKey: 'OPENAI_API_KEY',
  openAiBaseUrl: 'OPENAI_BASE_URL',
  llmModel: 'MUSTER_LLM_MODEL',
} as const;

/** Plugin secrets: `MUSTER_PLUGIN_<ID>_<NAME>` (the SDK's `secretEnvName`). */
export const PLUGIN_SECRET_PREFIX = 'MUSTER_PLUGIN_';

export const DEFAULT_PORT = 3000;
/** Of every Redis key and channel; `{muster}` (a hash tag) on Redis Cluster. */
export const DEFAULT_REDIS_PREFIX = 'muster';
export const DEFAULT_DATABASE_URL = 'sqlite:./data/muster.db';
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
/** Sign in with Slack: Slack's OpenID Connect issuer (its discovery document is under it). */
export const DEFAULT_SLACK_OIDC_ISSUER = 'https://slack.com';
export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com/v1.0/';
/** The Entra authority: outbound tokens, and the keys of tokens Entra issues (`{login}/{tenant}/discovery/v2.0/keys`). */
export const DEFAULT_LOGIN_URL = 'https://login.microsoftonline.com';

export type Environment = Readonly<Record<string, string | undefined>>;
