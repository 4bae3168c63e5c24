import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@muster/core';
import { pino, type Logger as Pino } from 'pino';
import type { LogLevel } from '../config/file-config';
import { maskTokens, REDACTED_PATHS } from './redaction';

export interface LogDestination {
  /** A file (while the console chat owns the terminal) or stdout. */
  readonly file?: string;
  /** A file descriptor when there is no file: 1 (stdout, the default) or 2 (stderr, for one-shot commands). */
  readonly fd?: number;
  readonly level: LogLevel;
}

/** The core's Logger port over pino: JSON lines, credentials redacted by path and masked in messages. */
export class PinoLogger implements Logger {
  constructor(readonly pino: Pino) {}

  debug(msg: string, fields?: Record<string, unknown>): void { this.pino.debug(fields ?? {}, maskTokens(msg)); }
  info(msg: string, fields?: Record<string, unknown>): void { this.pino.info(fields ?? {}, maskTokens(msg)); }
  warn(msg: string, fields?: Record<string, unknown>): void { this.pino.warn(fields ?? {}, maskTokens(msg)); }
  error(msg: string, fields?: Record<string, unknown>): void { this.pino.error(fields ?? {}, maskTokens(msg)); }

  /** A logger whose lines all carry `fields` (a component name, a request id). */
  child(fields: Record<string, unknown>): PinoLogger {
    return new PinoLogger(this.pino.child(fields));
  }

  /** Writes what is buffered; called before the process exits. */
  flush(): void {
    this.pino.flush();
  }
}

export function createLogger(destination: LogDestination): PinoLogger {
  if (destination.file) mkdirSync(dirname(destination.file), { recursive: true });
  // Synchronous writes: a start that fails and exits at once must still leave its lines behind.
  const stream = pino.destination({ dest: destination.file ?? destination.fd ?? 1, sync: true, mkdir: true });
  return new PinoLogger(pino({
    level: destination.level,
    base: { service: 'muster' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    serializers: { err: pino.stdSerializers.err },
  }, stream));
}
