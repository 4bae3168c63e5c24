import { randomBytes } from 'node:crypto';
import { bearerOf, FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';

export interface ZoomFakeOptions {
  readonly accountId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** `expires_in` of the tokens it issues; default 3599 s, as Zoom's. */
  readonly tokenTtlSeconds?: number;
  /** The largest `page_size` it honours (Zoom's is 300): set it low to make a test page. */
  readonly maxPageSize?: number;
}

/** A meeting as the fake keeps it: the fields of Zoom's create and list answers that Muster reads. */
export interface FakeZoomMeeting {
  readonly id: number;
  readonly uuid: string;
  readonly host_id: string;
  readonly topic: string;
  readonly type: number;
  readonly agenda: string;
  readonly start_time: string;
  readonly duration: number;
  readonly join_url: string;
  readonly created_at: string;
  status: 'waiting' | 'started' | 'ended';
}

const HOST_ID = 'KDcuGIm1QgePTO8WbOqwIQ';

/**
 * Zoom's Server-to-Server OAuth token endpoint (`POST /oauth/token`) and the Meetings API (`/v2`) as
 * documented: basic auth for the token, bearer for the API, `{code, message}` errors (124 for a bad
 * token), 429 with Retry-After when scripted. Point `oauthUrl` at `${url}/oauth/token`, `apiUrl` at `${url}/v2`.
 */
export class ZoomFake extends FakeRemote {
  readonly meetings = new Map<number, FakeZoomMeeting>();
  readonly tokensIssued: string[] = [];
  private readonly valid = new Set<string>();
  private nextId = 85_746_065_000;

  constructor(readonly options: ZoomFakeOptions = {}) {
    super();
  }

  get oauthUrl(): string {
    return `${this.url}/oauth/token`;
  }

  get apiUrl(): string {
    return `${this.url}/v2`;
  }

  /** Every token issued so far stops working, as at its expiry. */
  expireTokens(): void {
    this.valid.clear();
  }

  /** A participant joins: the meeting is live (listed by `type=live`). */
  startMeeting(id: number): void {
    const meeting = this.meetings.get(id);
    if (meeting) meeting.status = 'started';
  }

  protected override errorBody(status: number): unknown {
    if (status === 401) return { code: 124, message: 'Invalid access token.' };
    if (status === 429) return { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' };
    return { code: 300, message: `Scripted failure ${status}.` };
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    if (request.method === 'POST' && request.path === '/oauth/token') return this.token(request);
    if (!request.path.startsWith('/v2/')) return { status: 404, json: { code: 404, message: 'Not found.' } };
    const token = bearerOf(request);
    if (!token || !this.valid.has(token)) return { status: 401, json: this.errorBody(401) };
    const path = request.path.slice(3);
    const users = /^\/users\/([^/]+)\/meetings$/.exec(path);
    if (users && request.method === 'POST') return this.create(request);
    if (users && request.method === 'GET') return this.list(request);
    const status = /^\/meetings\/(\d+)\/status$/.exec(path);
    if (status && request.method === 'PUT') return this.setStatus(Number(status[1]), request);
    return { status: 404, json: { code: 404, message: 'Not found.' } };
  }

  private token(request: RecordedRequest): RemoteAnswer {
    const { accountId = 'fake-account', clientId = 'fake-client', clientSecret = 'fake-secret' } = this.options;
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return { status: 400, json: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    if (request.query.get('grant_type') !== 'account_credentials') return { status: 400, json: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
    if (request.query.get('account_id') !== accountId) return { status: 400, json: { reason: 'Invalid account_id', error: 'invalid_request' } };
    const accessToken = `eyJzdiI6IjAwMDAwMSJ9.${randomBytes(24).toString('base64url')}`;
    this.valid.add(accessToken);
    this.tokensIssued.push(accessToken);
    return { status: 200, json: { access_token: accessToken, token_type: 'bearer', expires_in: this.options.tokenTtlSeconds ?? 3599, scope: 'meeting:write:admin meeting:read:admin', api_url: 'https://api.zoom.us' } };
  }

  private create(request: RecordedRequest): RemoteAnswer {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return { status: 400, json: { code: 300, message: 'Request Body should be a valid JSON object.' } };
    }
    if (typeof body.topic !== 'string' || body.topic.length > 200) return { status: 400, json: { code: 300, message: 'Validation Failed.', errors: [{ field: 'topic', message: 'Invalid field.' }] } };
    if (body.agenda !== undefined && (typeof body.agenda !== 'string' || body.agenda.length > 2000)) return { status: 400, json: { code: 300, message: 'Validation Failed.', errors: [{ field: 'agenda', message: 'Invalid field.' }] } };
    const id = this.nextId++;
    const meeting: FakeZoomMeeting = {
      id, uuid: randomBytes(12).toString('base64'), host_id: HOST_ID, topic: body.topic, type: typeof body.type === 'number' ? body.type : 2,
      agenda: (body.agenda as string | undefined) ?? '', start_time: typeof body.start_time === 'string' ? body.start_time : new Date().toISOString(),
      duration: typeof body.duration === 'number' ? body.duration : 60, join_url: `https://us05web.zoom.us/j/${id}?pwd=${randomBytes(9).toString('base64url')}`,
      created_at: new Date().toISOString(), status: 'waiting',
    };
    this.meetings.set(id, meeting);
    const { status: _status, ...answer } = meeting;
    return { status: 201, json: { ...answer, start_url: `https://us05web.zoom.us/s/${id}?zak=${randomBytes(16).toString('base64url')}`, password: 'x1Y2z3', settings: {} } };
  }

  /** `type=live`: started meetings; `upcoming`: scheduled ones not over, live ones included (unstarted instant meetings are in neither). */
  private list(request: RecordedRequest): RemoteAnswer {
    const type = request.query.get('type') ?? 'scheduled';
    const pageSize = Math.min(this.options.maxPageSize ?? 300, Number(request.query.get('page_size') ?? 30) || 30);
    const from = Number(request.query.get('next_page_token') || 0);
    const all = [...this.meetings.values()].filter((m) => m.status !== 'ended' && (type === 'live' ? m.status === 'started' : m.type !== 1 || m.status === 'started'));
    const page = all.slice(from, from + pageSize).map(({ status: _s, ...m }) => m);
    const next = from + pageSize < all.length ? String(from + pageSize) : '';
    return { status: 200, json: { page_size: pageSize, total_records: all.length, next_page_token: next, meetings: page } };
  }

  private setStatus(id: number, request: RecordedRequest): RemoteAnswer {
    const meeting = this.meetings.get(id);
    if (!meeting) return { status: 404, json: { code: 3001, message: `Meeting does not exist: ${id}.` } };
    const action = (JSON.parse(request.body || '{}') as { action?: unknown }).action;
    if (action !== 'end' && action !== 'recover') return { status: 400, json: { code: 300, message: 'Invalid action.' } };
    meeting.status = action === 'end' ? 'ended' : 'waiting';
    return { status: 204 };
  }
}
