import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request the bot made to the Bot Connector, as received. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- activities of any shape; tests assert on them.
}

export interface RosterMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

/**
 * The few Bot Connector v3 routes the transport itself uses, on 127.0.0.1, from the documented wire
 * format: post and reply (`POST /v3/conversations/{id}/activities[/{replyToId}]`), update (`PUT …/{id}`),
 * create a 1:1 conversation (`POST /v3/conversations`) and one roster member
 * (`GET /v3/conversations/{id}/members/{memberId}`). Minimal on purpose: the full fake with throttling
 * and errors is `test/src/fakes/teams/fake-bot-connector.ts` (outbound).
 */
export class MinimalBotConnector {
  readonly calls: ConnectorCall[] = [];
  readonly roster = new Map<string, RosterMember>();
  /** When set, creating a 1:1 conversation fails with this status (the user has not installed the app). */
  refuseDirectChats?: number;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<MinimalBotConnector> {
    const ready: { connector?: MinimalBotConnector } = {};
    const server = createServer((req, res) => void ready.connector!.route(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ready.connector = new MinimalBotConnector(server, `http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    return ready.connector;
  }

  get host(): string {
    return new URL(this.url).host;
  }

  /** Activities posted (sent or replied) to one conversation, oldest first. */
  posted(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && /\/activities(\/[^/]+)?$/u.test(c.path) && (!conversationId || c.path.includes(`/conversations/${conversationId}/`)));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /** Everything posted or updated, as one string, to assert on what was (never) said. */
  everything(): string {
    return JSON.stringify(this.calls.map((c) => c.body ?? null));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', this.url).pathname);
    const text = await bodyOf(req);
    const body = text ? JSON.parse(text) : undefined;
    this.calls.push({ method: req.method ?? '', path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/u.exec(path);
    if (req.method === 'GET' && member) {
      const found = this.roster.get(member[2]!);
      return found ? send(res, 200, { ...found, userPrincipalName: `${found.name.toLowerCase().replace(/\s+/gu, '.')}@example.com` }) : send(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } });
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      if (this.refuseDirectChats) return send(res, this.refuseDirectChats, { error: { code: 'Forbidden', message: 'The bot is not installed for this user' } });
      return send(res, 201, { id: `a:direct-${randomUUID().slice(0, 8)}` });
    }
    if ((req.method === 'POST' || req.method === 'PUT') && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/u.test(path)) {
      return send(res, req.method === 'POST' ? 201 : 200, { id: `1${Date.now()}${Math.floor(Math.random() * 1000)}` });
    }
    return send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
