import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeKeyOf, type RecordedRequest, type RemoteAnswer } from './recorded-request';
import { takeScript, type FailOptions, type Script } from './scripts';

/** The vendor's behaviour: the answer to a request no script intercepted. */
export type RemoteRoute = (request: RecordedRequest) => RemoteAnswer | Promise<RemoteAnswer>;

export interface FakeRemoteBehaviour {
  /** Used unless a subclass overrides `route`. */
  readonly route?: RemoteRoute;
  /** The vendor's error body for a scripted failure; default `{"error": "scripted <status>"}`. */
  readonly errorBody?: (status: number) => unknown;
  /** Sees every request as it arrives, scripted ones included (e.g. to check a signature then). */
  readonly onRequest?: (request: RecordedRequest) => void;
}

/**
 * The plumbing every vendor fake shares: a node:http server on 127.0.0.1 (port 0) that records every
 * request and answers through `route`, unless a test scripted the next answers (`failNext`,
 * `answerNext`, `hangNext`, `dropNextAnswer`), which are used first, in order, each by the first
 * request its `match` accepts. Hung responses are ended on `stop` so the server can close.
 * Build a fake by subclassing (override `route` and `errorBody`) or by passing them in.
 */
export class FakeRemote {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts: Script[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly server: Server;
  private started = false;

  constructor(private readonly behaviour: FakeRemoteBehaviour = {}) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.started = true;
    return this;
  }

  /** `http://127.0.0.1:<port>`, once started: the plugin's `apiUrl` (or its origin). */
  get url(): string {
    return `http://${this.host}`;
  }

  /** `127.0.0.1:<port>`: for `createPluginHttp({ allowedHosts })`. */
  get host(): string {
    if (!this.started) throw new Error('the fake is not started');
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next matching request is answered `status` with the vendor's error body (and `Retry-After` when given); no state changes. */
  failNext(status: number, options: FailOptions = {}): void {
    const headers: Record<string, string> = options.retryAfter === undefined ? {} : { 'retry-after': String(options.retryAfter) };
    const answer: RemoteAnswer = { status, json: options.json ?? this.errorBody(status), headers };
    for (let i = 0; i < (options.times ?? 1); i += 1) this.scripts.push({ kind: 'answer', answer, match: options.match });
  }

  /** The next matching request gets exactly this answer (a hostile, malformed or huge one); no state changes. */
  answerNext(answer: RemoteAnswer, match?: RegExp): void {
    this.scripts.push({ kind: 'answer', answer, match });
  }

  /** The next matching request is never answered until `stop` (the client's time limit ends it). */
  hangNext(match?: RegExp): void {
    this.scripts.push({ kind: 'hang', match });
  }

  /** The next matching request is carried out, then its connection destroyed before the answer: a crash between create and record. */
  dropNextAnswer(match?: RegExp): void {
    this.scripts.push({ kind: 'drop', match });
  }

  /** The recorded requests whose `METHOD /path` matches. */
  requestsTo(match: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => match.test(routeKeyOf(r)));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    if (!this.started) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.started = false;
  }

  /** The vendor's answer to a request no script intercepted. */
  protected route(request: RecordedRequest): RemoteAnswer | Promise<RemoteAnswer> {
    if (this.behaviour.route) return this.behaviour.route(request);
    return { status: 404, json: { error: `no route for ${routeKeyOf(request)}` } };
  }

  /** The vendor's error body for a scripted status. */
  protected errorBody(status: number): unknown {
    return this.behaviour.errorBody ? this.behaviour.errorBody(status) : { error: `scripted ${status}` };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await record(req);
    this.requests.push(request);
    this.behaviour.onRequest?.(request);
    const script = takeScript(this.scripts, routeKeyOf(request));
    if (script?.kind === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (script?.kind === 'answer') return send(res, script.answer);
    let answer: RemoteAnswer;
    try {
      answer = await this.route(request);
    } catch (error) {
      // A bug in the fake shows as a 500 naming it, not as a hung test.
      answer = { status: 500, json: { message: `fake failed: ${(error as Error).message}` } };
    }
    if (script?.kind === 'drop') {
      res.destroy();
      return;
    }
    send(res, answer);
  }
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const parsed = new URL(req.url ?? '/', 'http://fake');
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { method: req.method ?? 'GET', url: req.url ?? '/', path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body, json };
}

function send(res: ServerResponse, answer: RemoteAnswer): void {
  const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...answer.headers });
  res.end(text);
}
