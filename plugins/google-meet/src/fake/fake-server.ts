import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One request as the fake received it, for assertions. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FakeAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A failure a test scripts for the next matching request, before the fake's own routes see it. */
interface Scripted {
  readonly match?: RegExp;
  readonly answer: FakeAnswer | 'hang';
}

/**
 * The plumbing every vendor fake shares: a node:http server on 127.0.0.1 (port 0), every request
 * recorded, failures scripted by the test (`failNext`, `hangNext`). The vendor's behaviour is `route`.
 * (The same file is in each video-bridge plugin's fake: keep the copies the same.)
 */
export abstract class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted: Scripted[] = [];
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private base = '';

  /** `http://127.0.0.1:<port>`, once started. */
  get url(): string {
    if (!this.base) throw new Error('the fake is not started');
    return this.base;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the fake has no port');
    this.server = server;
    this.base = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next request whose `METHOD /path` matches `match` (any, without) gets `status`, with the vendor's error body. */
  failNext(status: number, options: { readonly retryAfter?: number; readonly match?: RegExp } = {}): void {
    const headers: Record<string, string> = options.retryAfter === undefined ? {} : { 'retry-after': String(options.retryAfter) };
    this.scripted.push({ match: options.match, answer: { status, json: this.errorBody(status), headers } });
  }

  /** The next matching request gets exactly this answer (a hostile or malformed one), and changes no state. */
  answerNext(answer: FakeAnswer, match?: RegExp): void {
    this.scripted.push({ match, answer });
  }

  /** The next matching request is never answered (the client's time limit ends it). */
  hangNext(match?: RegExp): void {
    this.scripted.push({ match, answer: 'hang' });
  }

  /** The recorded requests whose `METHOD /path` matches. */
  requestsTo(match: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => match.test(`${r.method} ${r.path}`));
  }

  /** The vendor's answer to a request no script intercepted. */
  protected abstract route(request: RecordedRequest): FakeAnswer | Promise<FakeAnswer>;

  /** The vendor's error body for a scripted status. */
  protected abstract errorBody(status: number): unknown;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    const at = this.scripted.findIndex((s) => !s.match || s.match.test(`${request.method} ${request.path}`));
    let answer: FakeAnswer | 'hang';
    if (at >= 0) {
      answer = this.scripted[at]!.answer;
      this.scripted.splice(at, 1);
    } else {
      try {
        answer = await this.route(request);
      } catch (error) {
        answer = { status: 500, json: { message: `fake failed: ${(error as Error).message}` } };
      }
    }
    if (answer === 'hang') return;
    const body = answer.json === undefined ? '' : JSON.stringify(answer.json);
    res.writeHead(answer.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...answer.headers });
    res.end(body);
  }
}

/** The bearer token of a request, or undefined. */
export function bearerOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
  return match?.[1];
}
