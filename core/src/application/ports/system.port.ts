export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, URL-safe id. */
  newId(): string;
}

/** Encrypts secrets at rest (plugin credentials, OAuth tokens). */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Runs recurring work (outbox polling, reminders) in this process or on a shared queue. */
export interface Scheduler {
  every(name: string, intervalMs: number, task: () => Promise<void>): void;
  stop(): Promise<void>;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
