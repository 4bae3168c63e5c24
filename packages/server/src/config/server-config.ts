import type { MusterSettings } from '@muster/core';
import type { SqliteSynchronous } from '@muster/store';
import type { FileLlmSection, FilePluginEntry, LogLevel } from './file-config';
import type { ServiceDefinition } from './service-definitions';
import type { QueuesConfig } from './queues-env';
import type { StatusPageSettings } from './status-page-section';
import type { SignInConfig } from './sign-in-env';

export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * Everything the server needs to know, resolved once at start from the environment and muster.yaml
 * (environment wins). Secrets sit in their own fields so the summary log can leave them out by name.
 */
export interface ServerConfig {
  /** The directory relative paths are resolved against (`./data`, `./muster.yaml`). */
  readonly cwd: string;
  /** `./data`: the embedded database, the generated secret key, and the log file while the console chat is on. */
  readonly dataDir: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly database: { readonly kind: DatabaseKind; readonly inMemory: boolean; readonly display: string };
  readonly autoMigrate: boolean;
  /**
   * MUSTER_SQLITE_SYNCHRONOUS (`normal` default, or `full`): whether an embedded SQLite database syncs
   * its WAL at every COMMIT (survives a power loss) or at checkpoints only (survives a crash of the
   * process; packages/store/README.md, "Durability"). Ignored on MySQL/MariaDB.
   */
  readonly sqliteSynchronous?: SqliteSynchronous;
  readonly logLevel: LogLevel;
  /** The console chat on this process's stdin/stdout. */
  readonly console: boolean;
  readonly configFile?: string;
  readonly publicUrl?: string;
  readonly secretKey?: string;
  readonly redisUrl?: string;
  /** MUSTER_REDIS_PREFIX: of every key and channel, so installations can share one Redis. */
  readonly redisPrefix?: string;
  /** How this process takes part in the queues when REDIS_URL is set (queues-env.ts). */
  readonly queues: QueuesConfig;
  readonly slack: {
    readonly signingSecret?: string;
    readonly botToken?: string;
    readonly appToken?: string;
    readonly apiUrl: string;
    /** OAuth (many workspaces): all three together, see slack/slack-mode.ts. */
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly stateSecret?: string;
  };
  /** Microsoft Teams; checked as a whole in teams-env.ts (what is missing, what conflicts). */
  readonly teams: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly tenantId?: string;
    readonly graphUrl: string;
    /** MICROSOFT_LOGIN_URL: the Entra authority (sovereign clouds, local fakes in tests). */
    readonly loginUrl: string;
    /** TEAMS_ANONYMOUS=true: no app id, no JWT check; the Agents Playground on a laptop only. */
    readonly anonymous: boolean;
    /** TEAMS_TRUSTED_HOSTS: Bot Connector hosts (`host` or `host:port`) trusted beside Microsoft's own. */
    readonly trustedHosts: readonly string[];
    readonly incidentsTeamId?: string;
    readonly incidentsChannelId?: string;
    /**
     * Whether Muster uses Microsoft Graph (app-only, the app's tenant): set MICROSOFT_GRAPH_URL or
     * TEAMS_INCIDENTS_TEAM_ID. Without it rooms are threads and people are found from activities only.
     */
    readonly graph: boolean;
    /** TEAMS_APP_CATALOG_ID: the app's id in the tenant's catalog, to add Muster to group chats it opens. */
    readonly appCatalogId?: string;
  };
  /** Browser sign-in through OpenID Connect (sign-in-env.ts); each provider only when its client id is set. */
  readonly signIn: SignInConfig;
  readonly llm: FileLlmSection & { readonly apiKey?: string; readonly baseUrl?: string };
  readonly settings: MusterSettings;
  /** `plugins:` of muster.yaml by plugin id (config not yet checked: the plugin's schema does that at load). */
  readonly plugins: Readonly<Record<string, FilePluginEntry>>;
  /** Every non-empty `MUSTER_PLUGIN_*` variable: the secrets of the muster.yaml plugins, by variable name. */
  readonly pluginSecrets: Readonly<Record<string, string>>;
  /** `services:` of muster.yaml, each in its tenant: loaded into the catalogue at start (service-catalogue-sync.ts). */
  readonly services: readonly ServiceDefinition[];
  /** `statusPage:` of muster.yaml: how the public page at /status introduces itself ({} when left out). */
  readonly statusPage: StatusPageSettings;
}
