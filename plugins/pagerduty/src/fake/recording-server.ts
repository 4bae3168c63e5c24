import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as the test reads it back. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: unknown;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Sent as is instead of `body` (a hostile or broken answer). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

type Scripted = { readonly kind: 'reply'; readonly reply: Reply } | { readonly kind: 'hang' };

/**
 * A node:http server on 127.0.0.1 (port 0) that records every request and answers through `route`,
 * unless a test scripted the next answers (`failNext`, `replyNext`, `hangNext`), which are used
 * first, in order. Hung responses are ended on `close` so the server can stop.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted: Scripted[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly server: Server;

  constructor(route: (request: RecordedRequest) => Reply) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = new URL(req.url ?? '/', 'http://fake');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const request: RecordedRequest = { method: req.method ?? '', url: req.url ?? '/', path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body, json };
        this.requests.push(request);
        const next = this.scripted.shift();
        if (next?.kind === 'hang') {
          this.hanging.add(res);
          return;
        }
        let reply: Reply;
        try {
          reply = next?.reply ?? route(request);
        } catch (error) {
          reply = { status: 500, body: { message: `fake failed: ${(error as Error).message}` } };
        }
        send(res, reply);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** `http://127.0.0.1:<port>`: the plugin's `apiUrl`. */
  get url(): string {
    return `http://${this.host}`;
  }

  /** `127.0.0.1:<port>`: for `createPluginHttp({ allowedHosts })`. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  replyNext(...replies: Reply[]): void {
    this.scripted.push(...replies.map((reply) => ({ kind: 'reply' as const, reply })));
  }

  /** The next request gets no answer until `close` (a remote that hangs). */
  hangNext(): void {
    this.scripted.push({ kind: 'hang' });
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(text);
}
