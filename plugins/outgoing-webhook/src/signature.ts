import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-muster-signature';
export const TIMESTAMP_HEADER = 'x-muster-request-timestamp';
export const EVENT_ID_HEADER = 'x-muster-event-id';
/** Older requests are refused by default: a captured delivery cannot be replayed later. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret (the scheme Slack documents, with Muster's headers). */
export function musterSignature(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

export type SignatureCheck = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: string };

export interface VerifyOptions {
  /** How old (or how far ahead) the timestamp may be; default 300 s. */
  readonly toleranceSeconds?: number;
  /** Milliseconds since the epoch; default `Date.now()`. */
  readonly now?: number;
}

type HeaderBag = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * For receivers: whether a request is a Muster delivery, signed with `secret` (or one of several
 * while it is rotated) over the body's exact bytes, and recent. Compare in constant time; never
 * parse the JSON before this says `ok`.
 */
export function verifyMusterSignature(secret: string | readonly string[], headers: HeaderBag, rawBody: string | Buffer, options: VerifyOptions = {}): SignatureCheck {
  const timestampText = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestampText || !/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: `${TIMESTAMP_HEADER} is missing or not unix seconds` };
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: `${SIGNATURE_HEADER} is missing or not v0=<hex>` };
  const timestamp = Number(timestampText);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs((options.now ?? Date.now()) / 1000 - timestamp) > tolerance) return { ok: false, reason: `the timestamp is more than ${tolerance} s away: refused as a possible replay` };
  const given = Buffer.from(signature);
  const matches = (typeof secret === 'string' ? [secret] : secret).some((s) => {
    const expected = Buffer.from(musterSignature(s, timestampText, rawBody));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'the signature does not match the body' };
}

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const bag = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  // A repeated header is ambiguous: refused rather than guessed.
  return typeof value === 'string' ? value : undefined;
}
