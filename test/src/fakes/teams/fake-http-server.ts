/**
 * The HTTP side shared by the fake Bot Connector and the fake Graph: routes, JSON bodies, bearer
 * authentication, a record of every request, and scripted faults per operation:
 *
 *   fake.failNext('send message', { status: 429, retryAfter: '7' })      // answered at once, nothing done
 *   fake.failNext('send message', { status: 502, afterWork: true })      // done, then a 502
 *   fake.dropConnectionNext('send message')                              // done, then the socket closes unanswered
 *   fake.hangNext('create channel')                                      // done, never answered
 *
 * Errors are answered in the `{ error: { code, message } }` shape both services use.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './fake-teams-tenant';

export interface RecordedRequest {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Json;
  /** The bytes as sent (a file upload's content). */
  readonly rawBody: Buffer;
  readonly headers: IncomingMessage['headers'];
  /** The Authorization header as sent (tests assert a token never reached the wrong host). */
  readonly authorization: string | undefined;
  readonly at: number;
}

export interface Fault { status?: number; retryAfter?: string; code?: string; message?: string; afterWork?: boolean; drop?: boolean; hang?: boolean }

/** Thrown by route handlers: answered as `{ error: { code, message } }` with the status. */
export class ServiceError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly operation: string;
  /** The body is bytes (an upload), not JSON: handlers read it from the recorded request. */
  readonly rawBody?: boolean;
  /** Return the body to answer (status 200 unless given), or throw ServiceError. */
  handle(params: string[], body: Json, query: URLSearchParams, request: RecordedRequest): { status?: number; body?: unknown };
}

export type Authenticate = (authorization: string | undefined, route: Route) => void;

export class FakeHttpServer {
  private readonly received: RecordedRequest[] = [];
  private readonly faults = new Map<string, Fault[]>();
  /** Told of each request as it arrives, before anything is done. */
  onRequest: ((request: RecordedRequest) => void) | undefined;

  private constructor(private readonly server: Server, readonly origin: string, private readonly routes: readonly Route[], private readonly authenticate: Authenticate) {}

  static async start(routes: readonly Route[], authenticate: Authenticate): Promise<FakeHttpServer> {
    const started: { fake?: FakeHttpServer } = {};
    const server = createServer((req, res) => {
      // A bug in the fake must show up as a failed call, not as an unhandled rejection that kills mocha.
      started.fake?.handle(req, res).catch(() => (res.headersSent ? res.destroy() : send(res, 500, { error: { code: 'InternalServerError', message: 'fake failed' } })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started.fake = new FakeHttpServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, routes, authenticate);
    return started.fake;
  }

  /** `127.0.0.1:PORT`, as TEAMS_TRUSTED_HOSTS takes it. */
  get host(): string { return new URL(this.origin).host; }

  calls(operation?: string): RecordedRequest[] { return this.received.filter((c) => operation === undefined || c.operation === operation); }

  failNext(operation: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(operation) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(operation, queue);
  }
  dropConnectionNext(operation: string): void { this.failNext(operation, { drop: true, afterWork: true }); }
  hangNext(operation: string): void { this.failNext(operation, { hang: true, afterWork: true }); }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.origin);
    const path = url.pathname;
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const match = this.routes.map((r) => ({ r, m: req.method === r.method ? r.pattern.exec(path) : null })).find((x) => x.m);
    const operation = match?.r.operation ?? 'unknown';
    let body: Json = {};
    let badBody = false;
    try {
      body = raw === '' || match?.r.rawBody ? {} : (req.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : (JSON.parse(raw) as Json);
    } catch {
      badBody = true;
    }
    const record: RecordedRequest = { operation, method: req.method ?? '', path, query: url.searchParams, body, rawBody: bytes, headers: req.headers, authorization: req.headers.authorization, at: Date.now() };
    this.received.push(record);
    this.onRequest?.(record);
    if (!match) return send(res, 404, { error: { code: 'NotFound', message: `No route for ${req.method} ${path}` } });
    if (badBody) return send(res, 400, { error: { code: 'BadSyntax', message: 'The body is not JSON.' } });
    const fault = this.faults.get(operation)?.shift();
    if (fault && !fault.afterWork) return answerFault(res, fault);
    let status: number;
    let answer: unknown;
    try {
      this.authenticate(req.headers.authorization, match.r);
      const result = match.r.handle(match.m!.slice(1).map(decodeURIComponent), body, url.searchParams, record);
      status = result.status ?? 200;
      answer = result.body;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      status = error.status;
      answer = { error: { code: error.code, message: error.message } };
    }
    if (fault?.drop) return void req.socket.destroy();
    // Never answered; close() ends the connection.
    if (fault?.hang) return;
    if (fault) return answerFault(res, fault);
    send(res, status, answer);
  }
}

function answerFault(res: ServerResponse, fault: Fault): void {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) };
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { code: fault.code ?? `Http${status}`, message: fault.message ?? 'Scripted failure' } }));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    return void res.end();
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
