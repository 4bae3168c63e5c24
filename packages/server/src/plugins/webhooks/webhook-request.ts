import type { IncomingMessage } from 'node:http';
import type { WebhookRequest } from '@muster/plugin-sdk';
import { DRAIN_CAP_BYTES, readLimited } from '../../http/json-body';

/** The largest webhook body read; no source documented here sends more than a few KiB per notification. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export type WebhookBody = { readonly kind: 'ok'; readonly raw: Buffer } | { readonly kind: 'too_large'; readonly closeConnection: boolean };

/**
 * Reads the body, holding at most the limit in memory. A body declared larger than the drain cap is
 * refused before a byte is read; a larger one being sent is read to its end and dropped (so the sender
 * sees the 413 rather than a reset connection), or cut off past the drain cap.
 */
export async function readWebhookBody(req: IncomingMessage, limit = WEBHOOK_BODY_LIMIT_BYTES): Promise<WebhookBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_CAP_BYTES) return { kind: 'too_large', closeConnection: true };
  const raw = await readLimited(req, limit);
  if (raw === 'over') return { kind: 'too_large', closeConnection: false };
  if (raw === 'cut') return { kind: 'too_large', closeConnection: true };
  return { kind: 'ok', raw };
}

/** The request as plugins see it: headers lower-cased (repeats joined with ", "), the exact bytes, JSON when it is JSON. */
export function webhookRequestOf(req: IncomingMessage, raw: Buffer, url: URL, receivedAt: Date): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  return { headers, rawBody: raw, body, query, receivedAt };
}
