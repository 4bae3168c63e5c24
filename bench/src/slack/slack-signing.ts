import { createHmac, randomBytes } from 'node:crypto';

/**
 * Requests as Slack signs them: `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{raw body}`), with the
 * timestamp header. Both targets get exactly the same bytes, so signing costs the same on each side.
 */
export function signedHeaders(secret: string, body: string, contentType: string, extra: Record<string, string> = {}): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, ...extra };
}

/** Slack's event ids look like `Ev0123ABCD45`; unique per delivery, repeated on redelivery. */
export const newEventId = (): string => `Ev${randomBytes(6).toString('hex').toUpperCase()}`;

/** Each slash command carries a fresh trigger id (`1234567890.123.abcdef`). */
export const newTriggerId = (): string => `${Date.now()}.${Math.floor(Math.random() * 1e6)}.${randomBytes(8).toString('hex')}`;
