import type { BackoffOptions } from './retry-policy';

/** What the host sets for one plugin installation's `ctx.http`. */
export interface PluginHttpOptions {
  /** Relative request URLs resolve against it (the plugin's `apiUrl`); its host may be called. */
  readonly baseUrl?: string;
  /**
   * Hosts (`api.example.com`, `127.0.0.1:8080`: `URL.host`, port included when not the default)
   * the plugin may call, redirects included. With neither this nor `baseUrl`, any host may be called.
   */
  readonly allowedHosts?: readonly string[];
  /** The whole call, retries and waits included; default 30 s. */
  readonly deadlineMs?: number;
  /** Per attempt when the request gives none; default 10 s. */
  readonly timeoutMs?: number;
  /** Retries when the request gives none; default 2. */
  readonly retries?: number;
  /** Larger answers are refused; default 1 MiB. */
  readonly maxResponseBytes?: number;
  /** Redirects followed per attempt; default 5. */
  readonly maxRedirects?: number;
  readonly backoff?: BackoffOptions;
  /** Values never to show in an error's body excerpt (the installation's secrets). Request header values always are. */
  readonly redact?: readonly string[];
  /** Sent when the request sets no `user-agent`. */
  readonly userAgent?: string;
  /** Told about every attempt: the host logs and counts them. Throwing here changes nothing. */
  readonly onAttempt?: (attempt: HttpAttempt) => void;
  /** For tests of the jitter; default `Math.random`. */
  readonly random?: () => number;
}

/** One attempt, fit for a log line: the URL has no query string, nothing carries a header. */
export interface HttpAttempt {
  readonly method: string;
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly status?: number;
  /** Why the attempt failed without an answer (`timed out after 10000 ms`, `connection refused`). */
  readonly error?: string;
  readonly durationMs: number;
  /** Set when another attempt follows, after this wait. */
  readonly retryInMs?: number;
}
