import { join } from 'node:path';
import type { ServerConfig } from '../config/server-config';
import { createLogger, type PinoLogger } from './pino-logger';

export const LOG_FILE = 'muster.log';

/**
 * JSON logs on stdout, except while the console chat owns the terminal: then they go to
 * `./data/muster.log`, so log lines never interleave with the conversation.
 */
export function createServerLogger(config: ServerConfig): PinoLogger {
  return createLogger({ level: config.logLevel, file: config.console ? join(config.dataDir, LOG_FILE) : undefined });
}
