import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MusterError, type Logger } from '@muster/core';
import type { ServerConfig } from '../config/server-config';

export const SECRET_KEY_FILE = 'secret.key';
const MIN_LENGTH = 32;

export interface SecretKey {
  readonly key?: string;
  /** Where it came from, for the log (never the key itself). */
  readonly source: 'environment' | 'file' | 'generated' | 'ephemeral' | 'none';
}

/**
 * The key that seals stored secrets (Slack OAuth installs, plugin credentials). From MUSTER_SECRET_KEY;
 * in embedded mode without one, read or create `./data/secret.key` (0600) so a laptop install needs no
 * setup. A shared MySQL install must set it (every instance needs the same key): until something
 * stores a secret, its absence is only logged.
 */
export function resolveSecretKey(config: ServerConfig, logger: Logger): SecretKey {
  if (config.secretKey) {
    if (config.secretKey.length < MIN_LENGTH) {
      throw new MusterError('configuration', `MUSTER_SECRET_KEY must be at least ${MIN_LENGTH} characters long; create one with: openssl rand -base64 32`);
    }
    return { key: config.secretKey, source: 'environment' };
  }
  if (config.database.kind !== 'sqlite') {
    logger.warn('MUSTER_SECRET_KEY is not set: Muster will refuse to store secrets (OAuth installs, plugin credentials) until it is');
    return { source: 'none' };
  }
  if (config.database.inMemory) return { key: newKey(), source: 'ephemeral' };
  const path = join(config.dataDir, SECRET_KEY_FILE);
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), source: 'file' };
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(path, `${newKey()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  logger.info('Generated a secret key for the embedded install; keep it with the database, it seals stored secrets', { path });
  return { key: readFileSync(path, 'utf8').trim(), source: 'generated' };
}

const newKey = (): string => randomBytes(32).toString('base64url');
