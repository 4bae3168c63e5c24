import { Agent, request } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly body: string;
  /** From writing the request to the last byte of the answer. */
  readonly ms: number;
}

/**
 * POSTs to one URL on 127.0.0.1 over a keep-alive agent with one socket per concurrent client, so
 * neither target pays for TCP set-up and both are measured the same way. node:http rather than fetch:
 * fetch pools connections in undici, out of reach of the agent the brief asks for.
 */
export class KeepAliveClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(url: string, maxSockets: number) {
    this.url = new URL(url);
    if (this.url.hostname !== '127.0.0.1') throw new Error(`The bench only talks to 127.0.0.1, not ${this.url.hostname}`);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  post(body: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(this.url, {
        method: 'POST', agent: this.agent, timeout: timeoutMs,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      }, (res) => {
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

  close(): void {
    this.agent.destroy();
  }
}
