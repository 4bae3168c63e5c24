/**
 * Plays Slack's side of the wire against the Muster server: signed requests to POST /slack/events in
 * the three encodings Slack uses (form fields for slash commands, `payload=<json>` for interactivity
 * and shortcuts, JSON for the Events API), signed `v0=` + HMAC-SHA256(secret, `v0:{ts}:{raw body}`).
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SlackAnswer {
  readonly status: number;
  readonly text: string;
  /** The JSON body, when there was one. */
  readonly json: Record<string, unknown> | undefined;
  /** Wall time from sending to the full answer. */
  readonly ms: number;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  /** Override the signature (`null`: send none). */
  readonly signature?: string | null;
  readonly headers?: Record<string, string>;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Slack's trigger ids look like `1234567890.123.abcdef`; each user gesture gets a new one. */
export const newTriggerId = (): string => `${Date.now()}.${Math.floor(Math.random() * 1e6)}.${randomBytes(8).toString('hex')}`;
export const newEventId = (): string => `Ev${randomBytes(5).toString('hex').toUpperCase()}`;

export class SlackSender {
  constructor(private readonly eventsUrl: string, private readonly signingSecret: string) {}

  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SlackAnswer> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature === undefined ? slackSignature(this.signingSecret, timestamp, body) : options.signature;
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), ...options.headers };
    if (signature !== null) headers['x-slack-signature'] = signature;
    const started = performance.now();
    const response = await fetch(this.eventsUrl, { method: 'POST', headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, ms };
  }

  /** A slash command: the form fields Slack posts. */
  command(fields: Record<string, string>, options?: SendOptions): Promise<SlackAnswer> {
    return this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** Buttons, modal submissions and shortcuts: one form field `payload` holding JSON. */
  interaction(payload: object, options?: SendOptions): Promise<SlackAnswer> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API callback (JSON); a redelivery adds X-Slack-Retry-Num and -Reason, with the same event_id. */
  event(envelope: object, retryNum?: number, options: SendOptions = {}): Promise<SlackAnswer> {
    const retry: Record<string, string> = retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_error' } : {};
    return this.send(JSON.stringify(envelope), 'application/json', { ...options, headers: { ...retry, ...options.headers } });
  }
}
