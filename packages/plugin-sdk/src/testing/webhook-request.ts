import type { WebhookRequest } from '../capabilities/alert-source';

export interface WebhookRequestInit {
  /** Serialised as JSON unless `rawBody` is given. */
  readonly body?: unknown;
  /** The exact bytes (for signature tests, or bodies that are not JSON). */
  readonly rawBody?: string | Buffer;
  /** Any case; stored lower-cased as the host does. An undefined value is left out (a header not sent). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly receivedAt?: Date;
}

/** A webhook request as the host hands it to `verify` and `parse`. */
export function webhookRequest(init: WebhookRequestInit = {}): WebhookRequest {
  const raw = init.rawBody !== undefined ? Buffer.from(init.rawBody) : Buffer.from(init.body === undefined ? '' : JSON.stringify(init.body));
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers, rawBody: raw, body, query: init.query ?? {}, receivedAt: init.receivedAt ?? new Date() };
}
