import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Answer = (res: ServerResponse, req: SeenRequest) => void;

/**
 * A real HTTP server on 127.0.0.1 that answers each request with the next scripted answer (the last
 * one repeats) and records what it was sent: the remote API a plugin's HTTP client talks to.
 */
export class ScriptedServer {
  readonly seen: SeenRequest[] = [];
  private answers: Answer[] = [];
  private readonly server: Server;
  /** Responses held open by `hang`, ended on close so the server can stop. */
  private readonly hanging = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        this.seen.push(seen);
        const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0];
        if (answer) answer(res, seen);
        else res.writeHead(500).end('no answer scripted');
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path = '/'): string {
    return `http://${this.host}${path}`;
  }

  script(...answers: Answer[]): void {
    this.answers = answers;
    this.seen.length = 0;
  }

  hang(): Answer {
    return (res) => { this.hanging.add(res); };
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const status = (code: number, body = '', headers: Record<string, string> = {}): Answer => (res) => { res.writeHead(code, headers).end(body); };
export const json = (value: unknown, code = 200): Answer => (res) => { res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(value)); };
