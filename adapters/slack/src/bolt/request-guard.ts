import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

const MAX_SKEW_SECONDS = 5 * 60;
/** Unix seconds as Slack sends them: digits only, no sign, no fraction, no leading zero. */
const INTEGER_SECONDS = /^[1-9]\d{0,10}$/;

/**
 * Slack's signing rules: `X-Slack-Request-Timestamp` is integer Unix seconds, and a request more than
 * five minutes off in either direction is a replay. Bolt only compares `now - ts` with a number it
 * parses leniently, so a milliseconds stamp (13 digits, always "in the future") or a fractional one
 * slipped through; every POST is checked here first and anything but integer seconds within five
 * minutes of now is answered 401 before Bolt sees it. Other methods (the OAuth pages) are unsigned.
 */
export function rejectFutureTimestamps(next: RequestListener, now: () => number = Date.now): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && !isFreshTimestamp(req.headers['x-slack-request-timestamp'], now())) {
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    next(req, res);
  };
}

export function isFreshTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== 'string' || !INTEGER_SECONDS.test(header)) return false;
  return Math.abs(Number(header) - Math.floor(nowMs / 1000)) <= MAX_SKEW_SECONDS;
}
