import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '@muster/core';
import { HTTPModuleFunctions } from '@slack/bolt';
import { answerFailedDelivery } from './delivery-failures';
import { checkInbound, type InboundVerdict } from './inbound-check';

/** Bolt's own limit for a request body; larger ones are answered 413 here as Bolt would. */
const BODY_LIMIT = HTTPModuleFunctions.defaultBodyLimit;

/**
 * The edge's lean path: `message` events (the bulk of what Slack sends, one per word said in a room)
 * handled here instead of in Bolt. Resolves once core has committed; a rejection is answered as Bolt's
 * processEventErrorHandler would (5xx when the store is down, so Slack delivers again).
 */
export type LeanMessageHandler = (envelope: Record<string, unknown>, event: unknown) => Promise<void>;

/** The verdict kind `checkInbound` gives a well-formed `message` event. */
const MESSAGE_EVENT = 'event message';

/**
 * The edge of POST /slack/events: a correctly signed payload is checked against the schema of the
 * listener it is for before Bolt or core sees it. Bolt reads bodies on trust (a `null` payload or an
 * `event` that is a string throws inside it, and an unhandled throw there is a 500 or worse), so
 * what cannot be used is answered here: 200 (Slack's "received"; a redelivery would be just as
 * unusable) or 400 for what is not a payload at all. Requests that fail the signature go on to Bolt
 * untouched, which answers 401; the body is read once and Bolt reuses it.
 *
 * With `lean`, a signed, well-formed `message` event is captured here and answered 200 (no body, as
 * Bolt answers an acknowledged event) only after `lean` resolves: Bolt would verify and parse the body
 * a second time and run its middleware chain for every registered listener (profiled at most of the
 * transport's cost per event), for a listener that needs none of it. Everything else goes to Bolt.
 */
export function gateInbound(next: RequestListener, signingSecret: string, logger: Logger, lean?: LeanMessageHandler): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    // The OAuth pages (GET) are not signed payloads.
    if (req.method !== 'POST') return next(req, res);
    void inspect(req, signingSecret).then(
      (inspected) => {
        const verdict = inspected?.verdict;
        if (!verdict || verdict.action === 'use') {
          if (lean && inspected && verdict?.kind === MESSAGE_EVENT) return answerAfter(lean(inspected.body, inspected.body.event), res, logger);
          return next(req, res);
        }
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

/** 200 once the capture is committed; its failure answered as a failed Bolt listener would be. */
function answerAfter(capture: Promise<void>, res: ServerResponse, logger: Logger): void {
  capture.then(
    () => {
      res.writeHead(200);
      res.end();
    },
    (error: unknown) => answerFailedDelivery(error, res, logger),
  );
}

interface Inspected {
  readonly verdict: InboundVerdict;
  readonly body: Record<string, unknown>;
}

/** The verdict for a signed request and its body; undefined when Bolt should decide (bad signature). */
async function inspect(req: IncomingMessage, signingSecret: string): Promise<Inspected | undefined> {
  const buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT);
  try {
    // Bolt's own check: Slack's HMAC over `v0:<timestamp>:<body>`, the five-minute window, ssl_check.
    await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret, bodyLimit: BODY_LIMIT }, buffered);
  } catch {
    return undefined;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return { verdict: { action: 'reject', kind: 'unknown', reason: 'body is neither JSON nor a form' }, body: {} };
  }
  return { verdict: checkInbound(body), body: body as Record<string, unknown> };
}
