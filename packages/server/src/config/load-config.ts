import { isAbsolute, resolve } from 'node:path';
import { isMusterError } from '@muster/core';
import { parseDatabaseUrl, SQLITE_SYNCHRONOUS } from '@muster/store';
import { ConfigError } from './config-error';
import { DEFAULT_DATABASE_URL, DEFAULT_PORT, DEFAULT_SLACK_API_URL, ENV, PLUGIN_SECRET_PREFIX, type Environment } from './env-names';
import { EnvReader } from './env-reader';
import { LOG_LEVELS, type FileConfig } from './file-config';
import { Problems } from './problems';
import { readFileConfig } from './read-file-config';
import type { DatabaseKind, ServerConfig } from './server-config';
import { serviceDefinitions } from './service-definitions';
import { buildSettings } from './settings-builder';
import { checkEntraTenants, readSignInEnv } from './sign-in-env';
import { readTeamsEnv } from './teams-env';
import { readRedisEnv } from './queues-env';
import { locateConfigFile, readYamlFile } from './yaml-file';

export interface ConfigSources {
  readonly env: Environment;
  readonly cwd: string;
  /** Whether stdin is a terminal: the console chat is on by default only then. */
  readonly interactive: boolean;
  /** Leave muster.yaml out (the demo plays the default process whatever the directory holds). */
  readonly ignoreConfigFile?: boolean;
}

/**
 * Reads the environment and muster.yaml, checks every value, and returns the resolved configuration,
 * or throws one ConfigError listing every problem, each naming its key and what is allowed.
 */
export function loadConfig(sources: ConfigSources): ServerConfig {
  const envProblems = new Problems('');
  const env = new EnvReader(sources.env, envProblems);
  const located = sources.ignoreConfigFile ? { path: undefined } : locateConfigFile(env.string(ENV.configFile), sources.cwd);
  const fileProblems = new Problems(located.path ? displayPath(located.path, sources.cwd) : 'muster.yaml');
  const file: FileConfig = located.path ? readFileConfig(fileProblems, readYamlFile(located.path, fileProblems)) : { server: {}, llm: {} };

  const givenDatabaseUrl = env.string(ENV.databaseUrl) ?? DEFAULT_DATABASE_URL;
  const database = describeDatabase(givenDatabaseUrl, envProblems);
  const databaseUrl = anchorSqlitePath(givenDatabaseUrl, sources.cwd);
  const publicUrl = env.httpUrl(ENV.publicUrl) ?? file.server.publicUrl;
  const settings = buildSettings(file, publicUrl, fileProblems, !!env.string(ENV.slackClientId));
  const llmModel = env.string(ENV.llmModel);

  const config: ServerConfig = {
    cwd: sources.cwd,
    dataDir: resolve(sources.cwd, 'data'),
    port: env.integer(ENV.port, 0, 65535) ?? file.server.port ?? DEFAULT_PORT,
    databaseUrl,
    database: database ?? { kind: 'sqlite', inMemory: false, display: 'sqlite' },
    // Embedded SQLite migrates itself; a shared MySQL is migrated on purpose, by one `muster migrate`.
    autoMigrate: env.boolean(ENV.autoMigrate) ?? file.server.autoMigrate ?? database?.kind !== 'mysql',
    sqliteSynchronous: env.oneOf(ENV.sqliteSynchronous, SQLITE_SYNCHRONOUS) ?? 'normal',
    logLevel: env.oneOf(ENV.logLevel, LOG_LEVELS) ?? file.server.logLevel ?? 'info',
    console: env.boolean(ENV.console) ?? file.server.console ?? sources.interactive,
    configFile: located.path,
    publicUrl,
    secretKey: env.string(ENV.secretKey),
    ...readRedisEnv(env),
    slack: {
      signingSecret: env.string(ENV.slackSigningSecret),
      botToken: env.string(ENV.slackBotToken),
      appToken: env.string(ENV.slackAppToken),
      apiUrl: env.httpUrl(ENV.slackApiUrl) ?? DEFAULT_SLACK_API_URL,
      clientId: env.string(ENV.slackClientId),
      clientSecret: env.string(ENV.slackClientSecret),
      stateSecret: env.string(ENV.slackStateSecret),
    },
    signIn: readSignInEnv(env, publicUrl),
    teams: readTeamsEnv(env, env.string(ENV.nodeEnv)?.toLowerCase() === 'production'),
    llm: { ...file.llm, ...(llmModel && { model: llmModel }), apiKey: env.string(ENV.openAiApiKey), baseUrl: env.httpUrl(ENV.openAiBaseUrl) },
    settings,
    plugins: file.plugins ?? {},
    pluginSecrets: pluginSecretsOf(sources.env),
    services: serviceDefinitions(file.services, settings, located.path, fileProblems),
    statusPage: file.statusPage ?? {},
  };
  checkEntraTenants(config, envProblems);
  const problems = [...envProblems.list, ...fileProblems.list];
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** `MUSTER_PLUGIN_<ID>_<NAME>` variables, read whole here so nothing else needs the environment; empty counts as unset. */
function pluginSecretsOf(env: Environment): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith(PLUGIN_SECRET_PREFIX) && !!e[1]));
}

/** A relative SQLite path is relative to the configuration's directory, not to wherever the process happens to run. */
function anchorSqlitePath(url: string, cwd: string): string {
  try {
    const location = parseDatabaseUrl(url);
    if (location.kind !== 'sqlite' || location.path === ':memory:' || isAbsolute(location.path)) return url;
    return `sqlite:${resolve(cwd, location.path)}`;
  } catch {
    return url;
  }
}

/** Kind and a display form of the database that never includes the password. */
function describeDatabase(url: string, problems: Problems): ServerConfig['database'] | undefined {
  try {
    const location = parseDatabaseUrl(url);
    if (location.kind === 'sqlite') return { kind: 'sqlite', inMemory: location.path === ':memory:', display: `sqlite:${location.path}` };
    const kind: DatabaseKind = 'mysql';
    return { kind, inMemory: false, display: `${location.flavour}://${location.host}:${location.port}/${location.database}` };
  } catch (error) {
    if (!isMusterError(error, 'configuration')) throw error;
    problems.addLine(`${ENV.databaseUrl}: ${error.message}`);
    return undefined;
  }
}

function displayPath(path: string, cwd: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}
