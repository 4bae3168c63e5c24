import { Agent, request } from 'node:http';

/** GETs on 127.0.0.1 over one keep-alive socket (one client, as a person browsing or a script paging). */
export class GetClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string, private readonly headers: Record<string, string> = {}) {
    if (new URL(base).hostname !== '127.0.0.1') throw new Error(`The bench only talks to 127.0.0.1, not ${base}`);
  }

  get(path: string, timeoutMs = 30_000): Promise<{ status: number; body: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(new URL(path, this.base), { method: 'GET', agent: this.agent, timeout: timeoutMs, headers: this.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A port nobody listens on right now, so the driver can poll /readyz before the server says it is up. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
