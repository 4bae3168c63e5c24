import { createLogger, loadConfig, type ServerConfig } from '@muster/server';
import type { Logger } from '@muster/core';

/** The configuration for one-shot commands: no console chat, logs to stderr (stdout is the command's output). */
export function commandConfig(): ServerConfig {
  return loadConfig({ env: { ...process.env, MUSTER_CONSOLE: 'off' }, cwd: process.cwd(), interactive: false });
}

export function commandLogger(config: ServerConfig): Logger {
  return createLogger({ level: process.env.MUSTER_LOG_LEVEL ? config.logLevel : 'warn', fd: 2 });
}
