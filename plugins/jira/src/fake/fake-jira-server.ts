import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeJiraState, jiraError, type ApiVersion, type FakeJiraSetup, type Reply } from './fake-jira-state';

export interface FakeJiraOptions extends FakeJiraSetup {
  /** Cloud: basic auth with this account's email and API token. */
  readonly email?: string;
  readonly apiToken?: string;
  /** Data Center: `Authorization: Bearer <PAT>`. */
  readonly personalAccessToken?: string;
}

export interface RecordedRequest {
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

type Scripted = { readonly kind: 'fail'; readonly status: number; readonly retryAfter?: number; readonly body?: unknown } | { readonly kind: 'hang' };

/**
 * A Jira site on 127.0.0.1 answering the REST API v3 (Cloud) and v2 (Data Center) as documented:
 * 401 without the credentials it was given, Jira's error bodies, 201 on create and 204 on updates and
 * transitions. Every request is recorded; `failNext` / `hangNext` script the next answers, and
 * `dropCreateAnswer` makes an issue but answers otherwise (an answer lost after the create).
 */
export class FakeJira {
  readonly requests: RecordedRequest[] = [];
  readonly state: FakeJiraState;
  private readonly server: Server;
  private readonly scripted: Scripted[] = [];
  private readonly hanging = new Set<ServerResponse>();
  /** When set, a create that succeeded is answered by this instead (the issue stays made). */
  dropCreateAnswer?: Reply;

  private constructor(private readonly options: FakeJiraOptions) {
    this.state = new FakeJiraState(options, () => this.url);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeJiraOptions = {}): Promise<FakeJira> {
    const fake = new FakeJira(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answer is this status (429/503 with `Retry-After` seconds when given), whatever was asked. */
  failNext(status: number, options: { readonly retryAfter?: number; readonly body?: unknown; readonly times?: number } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i += 1) this.scripted.push({ kind: 'fail', status, retryAfter: options.retryAfter, body: options.body });
  }

  /** The next answer is this body, whatever was asked: a broken, hostile or huge remote. */
  answerNext(status: number, body: unknown): void {
    this.scripted.push({ kind: 'fail', status, body });
  }

  /** The next request is never answered (until `stop`). */
  hangNext(): void {
    this.scripted.push({ kind: 'hang' });
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(res, jiraError(400, ['Unexpected character: the body is not JSON']));
    }
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    const script = this.scripted.shift();
    if (script?.kind === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (script) return send(res, { status: script.status, body: script.body ?? jiraError(script.status, [`Scripted failure ${script.status}`]).body }, script.retryAfter);
    if (!this.authorized(req.headers.authorization)) {
      // Jira's own answer to missing or wrong credentials (it names neither).
      return send(res, jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']));
    }
    send(res, this.route(req.method ?? 'GET', url, body));
  }

  private authorized(header: string | undefined): boolean {
    const { email, apiToken, personalAccessToken } = this.options;
    if (!header) return false;
    if (personalAccessToken && header === `Bearer ${personalAccessToken}`) return true;
    return Boolean(email && apiToken && header === `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`);
  }

  private route(method: string, url: URL, body: unknown): Reply {
    const match = /^\/rest\/api\/(2|3)(\/.*)$/.exec(url.pathname);
    if (!match) return { status: 404, body: { errorMessages: ['Not found'] } };
    const v = match[1] as ApiVersion;
    const path = match[2]!;
    const issuePath = /^\/issue\/([^/]+)(\/transitions|\/assignee)?$/.exec(path);
    if (method === 'POST' && path === '/issue') {
      const created = this.state.create(v, body);
      return created.status === 201 && this.dropCreateAnswer ? this.dropCreateAnswer : created;
    }
    if (issuePath) {
      const key = decodeURIComponent(issuePath[1]!);
      if (!issuePath[2] && method === 'GET') return this.state.get(v, key);
      if (!issuePath[2] && method === 'PUT') return this.state.update(key, body);
      if (issuePath[2] === '/assignee' && method === 'PUT') return this.state.assign(v, key, body);
      if (issuePath[2] === '/transitions' && method === 'GET') return this.state.transitions(key);
      if (issuePath[2] === '/transitions' && method === 'POST') return this.state.transition(key, body);
    }
    // Cloud removed `GET /rest/api/3/search`; `POST /search/jql` replaces it. Data Center keeps `/search`.
    if (method === 'POST' && ((v === '3' && path === '/search/jql') || (v === '2' && path === '/search'))) return this.state.search(v, body);
    if (method === 'GET' && path === '/user/search') return this.state.userSearch(v, url.searchParams);
    if (method === 'POST' && path === '/issueLink') return this.state.link(body);
    return { status: 404, body: { errorMessages: [`No route for ${method} ${url.pathname}`] } };
  }
}

function send(res: ServerResponse, reply: Reply, retryAfter?: number): void {
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  res.writeHead(reply.status, { ...headers, 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(reply.body));
}
