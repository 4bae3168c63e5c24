import { expect } from 'chai';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import type { ServerConfig } from './server-config';

/** The configuration from these environment variables alone (no muster.yaml read, an in-memory database). */
export function loadFromEnv(env: Record<string, string>): ServerConfig {
  return loadConfig({ env: { MUSTER_DATABASE_URL: 'sqlite::memory:', ...env }, cwd: '/tmp', interactive: false, ignoreConfigFile: true });
}

/** Expects these variables refused, and gives the problems the refusal names. */
export function envProblemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadFromEnv(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}
