import { Agent } from 'node:http';
import { timedRequest } from './timed-request';

export type { TimedAnswer as Answer } from './timed-request';
import type { TimedAnswer as Answer } from './timed-request';

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
    return timedRequest(this.url, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, body, timeoutMs);
  }

  close(): void {
    this.agent.destroy();
  }
}
