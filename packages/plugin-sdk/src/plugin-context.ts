import type { PluginServiceCatalog } from './catalog';
import type { PluginCommand } from './commands';
import type { PluginEventHandler, PluginEventName } from './events';

/**
 * What the host hands `activate`: everything a plugin may touch, scoped to one installation (the
 * `muster.yaml` one, or one workspace's install from chat). A plugin reaches nothing else of Muster.
 */
export interface PluginContext<Config = unknown> {
  readonly pluginId: string;
  /** The installation's configuration, already validated (and defaulted) by the plugin's `configSchema`. */
  readonly config: Config;
  readonly secrets: PluginSecrets;
  readonly logger: PluginLogger;
  readonly storage: PluginStorage;
  readonly http: PluginHttp;
  /** The installation's severity levels, most severe first: map source priorities onto these ids. */
  readonly severities: readonly { readonly id: string; readonly label: string }[];
  readonly installation: {
    readonly tenantId: string;
    readonly source: 'config' | 'chat';
    /** The directory of muster.yaml, which catalogue paths (`PluginService.runbookFile`) are relative to; absent without a file. */
    readonly configDirectory?: string;
  };
  /** The tenant's service catalogue: owners, experts, runbooks and what each integration calls a service. */
  readonly services: PluginServiceCatalog;
  /** Hear a domain event (after commit, from the outbox, at least once). */
  on<E extends PluginEventName>(event: E, handler: PluginEventHandler<E>): void;
  /** Add a chat command (see `PluginCommand`). */
  registerCommand(command: PluginCommand): void;
}

/**
 * Secrets from `MUSTER_PLUGIN_<ID>_<NAME>` or set from chat (stored sealed). The values are the only
 * copies a plugin gets: never log them, put them in an error, or send them anywhere but their own API.
 */
export interface PluginSecrets {
  get(name: string): string | undefined;
  /** The secret, or a `PluginConfigError` that names the variable to set. */
  require(name: string): string;
}

/** Structured log lines, tagged with the plugin id; fields named like secrets are redacted. */
export interface PluginLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** JSON values under string keys, private to this plugin installation and kept across restarts. */
export interface PluginStorage {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON with `content-type: application/json`. */
  readonly json?: unknown;
  /** Sent as is (form bodies); give `content-type` in headers. */
  readonly body?: string;
  /** Per attempt; default 10 s. */
  readonly timeoutMs?: number;
  /** Retries of 429, 502, 503, 504, time-outs and network errors, honouring Retry-After; default 2. */
  readonly retries?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON (throws `PluginHttpError` when it is not). */
  json<T = unknown>(): T;
}

/**
 * The only way out of a plugin: time limits per attempt, Retry-After honoured (up to the host's time
 * limit for the whole call), and a non-2xx answer after retries thrown as `PluginHttpError`.
 */
export interface PluginHttp {
  request(request: HttpRequest): Promise<HttpResponse>;
}
