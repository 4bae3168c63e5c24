import { request, type Agent } from 'node:http';

export interface TimedAnswer {
  readonly status: number;
  readonly body: string;
  /** From writing the request to the last byte of the answer. */
  readonly ms: number;
}

/** One request over `agent`, timed from writing it to the answer's last byte; no answer in `timeoutMs` rejects. */
export function timedRequest(url: URL, options: { method: string; agent: Agent; headers: Record<string, string | number> }, body: string | undefined, timeoutMs: number): Promise<TimedAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { ...options, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
