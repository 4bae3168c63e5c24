/**
 * The server's own logger (pino, to the suite's log file) that also tells a test when a line it
 * waits for is written: how a test knows the server has finished with something that, by design,
 * leaves no other trace (an envelope deliberately not acknowledged), without sleeping.
 */
import { createLogger, PinoLogger } from '@muster/server';

type Level = 'debug' | 'info' | 'warn' | 'error';
interface Waiter { readonly level: Level; readonly pattern: RegExp; readonly resolve: () => void }

export class WatchedLogger extends PinoLogger {
  private waiters: Waiter[] = [];

  constructor(file: string) {
    super(createLogger({ level: 'info', file }).pino);
  }

  /** Resolves at the next line of `level` whose message matches. Call it before causing the line. */
  next(level: Level, pattern: RegExp): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ level, pattern, resolve }));
  }

  override debug(msg: string, fields?: Record<string, unknown>): void { super.debug(msg, fields); this.notify('debug', msg); }
  override info(msg: string, fields?: Record<string, unknown>): void { super.info(msg, fields); this.notify('info', msg); }
  override warn(msg: string, fields?: Record<string, unknown>): void { super.warn(msg, fields); this.notify('warn', msg); }
  override error(msg: string, fields?: Record<string, unknown>): void { super.error(msg, fields); this.notify('error', msg); }

  private notify(level: Level, msg: string): void {
    const matched = this.waiters.filter((w) => w.level === level && w.pattern.test(msg));
    if (matched.length === 0) return;
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve();
  }
}
