import { Agent } from 'node:http';
import { timedRequest } from '../http/timed-request';

/** GETs on 127.0.0.1 over one keep-alive socket (one client, as a person browsing or a script paging). */
export class GetClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly base: string, private readonly headers: Record<string, string> = {}) {
    if (new URL(base).hostname !== '127.0.0.1') throw new Error(`The bench only talks to 127.0.0.1, not ${base}`);
  }

  get(path: string, timeoutMs = 30_000): Promise<{ status: number; body: string; ms: number }> {
    return timedRequest(new URL(path, this.base), { method: 'GET', agent: this.agent, headers: this.headers }, undefined, timeoutMs);
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
