import { Agent, request } from 'node:http';

/**
 * An open-loop load generator: request i is due at `start + i / rate` whatever happened to the ones
 * before it, and its latency is measured from that scheduled time, not from when it was written.
 * A server that stalls therefore pays for every request that waited behind the stall (no coordinated
 * omission), as Slack's deliveries would: they do not slow down because Muster is slow.
 */
export interface OpenLoopOptions {
  readonly url: string;
  /** Offered rate, requests per second. */
  readonly rate: number;
  readonly requests: number;
  /** A request unanswered this long after its scheduled time is a timeout (Slack gives up after 3 s). */
  readonly timeoutMs: number;
  /** Body and headers of request i (built at send time: Slack signs with the current timestamp). */
  readonly build: (i: number) => { readonly body: string; readonly headers: Record<string, string> };
  /** Looks at an answer 200; returns false when its body is not what the target should say. */
  readonly check?: (i: number, body: string) => boolean;
}

export interface OpenLoopOutcome {
  readonly offeredPerSecond: number;
  /** Answers 200 per second, over the time from the first scheduled send to the last answer. */
  readonly achievedPerSecond: number;
  /** Latency (ms, from the scheduled time) of each request answered 200; NaN otherwise. */
  readonly latencyByRequest: Float64Array;
  readonly ok: number;
  readonly timeouts: number;
  /** Answers other than 200, and connection errors. */
  readonly errors: number;
  /** Answers 200 whose body `check` refused. */
  readonly wrongAnswers: number;
  /** How late, at worst, the generator itself wrote a request after its scheduled time (ms). */
  readonly maxSendLagMs: number;
  readonly firstError?: string;
}

/**
 * Runs one phase. Sockets are not the bottleneck: the agent may open as many as there are requests
 * in flight, so a request waits only for the server (on a shared machine, also for the CPU).
 */
export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1_024, maxFreeSockets: 256 });
  const latencyByRequest = new Float64Array(options.requests).fill(Number.NaN);
  const intervalMs = 1_000 / options.rate;
  let ok = 0;
  let timeouts = 0;
  let errors = 0;
  let wrongAnswers = 0;
  let maxSendLagMs = 0;
  let settled = 0;
  let lastAnswerAt = 0;
  let firstError: string | undefined;
  const start = performance.now() + 20;

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const spanMs = Math.max(lastAnswerAt - start, options.requests * intervalMs);
      resolve({
        offeredPerSecond: options.rate, achievedPerSecond: (ok / spanMs) * 1_000, latencyByRequest,
        ok, timeouts, errors, wrongAnswers, maxSendLagMs, ...(firstError ? { firstError } : {}),
      });
    };
    const settle = () => {
      if (++settled === options.requests) finish();
    };
    const send = (i: number, due: number) => {
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
      const { body, headers } = options.build(i);
      let done = false;
      const end = (outcome: 'ok' | 'wrong' | 'timeout' | 'error', why?: string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (outcome === 'ok' || outcome === 'wrong') {
          lastAnswerAt = performance.now();
          latencyByRequest[i] = lastAnswerAt - due;
          ok++;
          if (outcome === 'wrong') wrongAnswers++;
        } else if (outcome === 'timeout') timeouts++;
        else {
          errors++;
          firstError ??= why;
        }
        settle();
      };
      const req = request(options.url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return end('error', `answered ${res.statusCode}`);
          end(options.check && !options.check(i, Buffer.concat(chunks).toString('utf8')) ? 'wrong' : 'ok');
        });
        res.on('error', (error) => end('error', error.message));
      });
      // The deadline runs from the scheduled time, like the latency.
      const timer = setTimeout(() => {
        end('timeout');
        req.destroy();
      }, Math.max(1, due + options.timeoutMs - performance.now()));
      req.on('error', (error) => end('error', error.message));
      req.end(body);
    };
    if (options.requests === 0) return finish();
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out, in order: a late timer does not thin the offered load.
      while (next < options.requests && start + next * intervalMs <= now) {
        send(next, start + next * intervalMs);
        next++;
      }
      if (next < options.requests) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}
