import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '@muster/core';
import { HTTPModuleFunctions } from '@slack/bolt';
import { checkInbound, type InboundVerdict } from './inbound-check';

/** Bolt's own limit for a request body; larger ones are answered 413 here as Bolt would. */
const BODY_LIMIT = HTTPModuleFunctions.defaultBodyLimit;

/**
 * The edge of POST /slack/events: a correctly signed payload is checked against the schema of the
 * listener it is for before Bolt or core sees it. Bolt reads bodies on trust (a `null` payload or an
 * `event` that is a string throws inside it, and an unhandled throw there is a 500 or worse), so
 * what cannot be used is answered here: 200 (Slack's "received"; a redelivery would be just as
 * unusable) or 400 for what is not a payload at all. Requests that fail the signature go on to Bolt
 * untouched, which answers 401; the body is read once and Bolt reuses it.
 */
export function gateInbound(next: RequestListener, signingSecret: string, logger: Logger): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    // The OAuth pages (GET) are not signed payloads.
    if (req.method !== 'POST') return next(req, res);
    void inspect(req, signingSecret).then(
      (verdict) => {
        if (!verdict || verdict.action === 'use') return next(req, res);
        logger.info('Slack payload answered at the edge, not processed', { kind: verdict.kind, reason: verdict.reason });
        res.writeHead(verdict.action === 'ignore' ? 200 : 400);
        res.end();
      },
      (error: unknown) => {
        // Only reading the body can fail here (too large, or the client went away).
        const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        logger.info('Slack request body could not be read', { tooLarge });
        if (!res.headersSent) res.writeHead(tooLarge ? 413 : 400);
        res.end();
      },
    );
  };
}

/** The verdict for a signed request; undefined when Bolt should decide (bad signature, unparseable body). */
async function inspect(req: IncomingMessage, signingSecret: string): Promise<InboundVerdict | undefined> {
  const buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT);
  try {
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: BODY_LIMIT }, buffered);
  } catch {
    return undefined;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { action: 'reject', kind: 'unknown', reason: 'body is neither JSON nor a form' };
  }
  return checkInbound(body);
}
