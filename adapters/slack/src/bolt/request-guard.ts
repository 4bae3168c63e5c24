import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Slack's signing rules reject a timestamp more than five minutes off in either direction. Bolt
 * rejects old ones (replays) but accepts any in the future, so this answers those with 401 before
 * Bolt sees them; missing or malformed headers are left to Bolt, which answers 401 too.
 */
export function rejectFutureTimestamps(next: RequestListener, now: () => number = Date.now): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
    if (req.method === 'POST' && seconds !== undefined && seconds - Math.floor(now() / 1000) > MAX_SKEW_SECONDS) {
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    next(req, res);
  };
}
