/**
 * A webhook payload that cannot be read as the source documents it. The host answers 400 with
 * `reason` (so the sender's operator sees what was wrong) and stores nothing.
 */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(readonly reason: string, options?: ErrorOptions) {
    super(reason, options);
  }
}

/** A remote call that failed; `retryAfterMs` when the remote side said when to come back (429, 503). */
export class PluginHttpError extends Error {
  override readonly name = 'PluginHttpError';
  constructor(message: string, readonly status: number | undefined, readonly retryAfterMs?: number, readonly body?: string) {
    super(message);
  }
}

/** Thrown by a plugin when its configuration or secrets cannot work (missing token, bad project key). */
export class PluginConfigError extends Error {
  override readonly name = 'PluginConfigError';
  constructor(message: string, readonly key?: string) {
    super(message);
  }
}
