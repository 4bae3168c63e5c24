import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it, for assertions. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FailOptions {
  readonly retryAfter?: number | string;
  /** The answer's JSON; default `{"error": "scripted <status>"}`. */
  readonly json?: unknown;
  /** Only a request with this method takes the script. */
  readonly method?: string;
}

/** What a test scripts for the next request: an error answer, a hang, or doing the work and then dropping the connection. */
type Script = ({ readonly kind: 'fail'; readonly status: number; readonly retryAfter?: string; readonly json?: unknown } | { readonly kind: 'hang' } | { readonly kind: 'drop' })
  & { readonly method?: string };

/**
 * A `node:http` server on 127.0.0.1 (port 0) that records every request and plays the failures a
 * test scripts, in order, before handing requests to `handle`.
 */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts: Script[] = [];
  private readonly server: Server;
  private readonly hung = new Set<ServerResponse>();

  constructor(private readonly handle: (request: RecordedRequest) => Answer) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request (with `method`, when given) is answered `status` (with `Retry-After` when given) and changes nothing. */
  failNext(status: number, options: FailOptions = {}): void {
    this.scripts.push({ kind: 'fail', status, retryAfter: options.retryAfter === undefined ? undefined : String(options.retryAfter), json: options.json, method: options.method });
  }

  /** The next request is never answered (until `stop`). */
  hangNext(): void {
    this.scripts.push({ kind: 'hang' });
  }

  /**
   * The next request (with `method`, when given) is carried out, then its connection is destroyed
   * before the answer: a crash between create and record.
   */
  dropNextAnswer(method?: string): void {
    this.scripts.push({ kind: 'drop', method });
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    const index = this.scripts.findIndex((s) => s.method === undefined || s.method === request.method);
    const script = index < 0 ? undefined : this.scripts.splice(index, 1)[0];
    if (script?.kind === 'hang') {
      this.hung.add(res);
      return;
    }
    if (script?.kind === 'fail') {
      return send(res, { status: script.status, json: script.json ?? { error: `scripted ${script.status}` }, headers: script.retryAfter === undefined ? {} : { 'retry-after': script.retryAfter } });
    }
    const answer = this.handle(request);
    if (script?.kind === 'drop') {
      res.destroy();
      return;
    }
    send(res, answer);
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const text = answer.json === undefined ? '' : JSON.stringify(answer.json);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(text);
}
