import { randomBytes, randomUUID } from 'node:crypto';
import { bearerOf, FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';

export interface TeamsFakeOptions {
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** The users an application access policy lets the app organise meetings for; default: `organizerId`. */
  readonly policyUsers?: readonly string[];
  readonly organizerId?: string;
  readonly tokenTtlSeconds?: number;
}

/** A meeting as the fake keeps it: the fields of Graph's onlineMeeting Muster reads, and what it was made with. */
export interface FakeOnlineMeeting {
  readonly id: string;
  readonly externalId: string;
  readonly organizer: string;
  readonly subject: string;
  readonly startDateTime: string;
  readonly endDateTime: string;
  readonly joinWebUrl: string;
}

const trace = () => ({ timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z', trace_id: randomUUID(), correlation_id: randomUUID() });

/**
 * Microsoft Entra's v2 token endpoint (client credentials in the form) and Graph's
 * `POST /v1.0/users/{id}/onlineMeetings/createOrGet`, as documented: a meeting per (organizer,
 * externalId), 201 when made and 200 when it existed, `{error: {code, message}}` Graph errors, the
 * 403 of a missing application access policy.
 */
export class TeamsFake extends FakeRemote {
  readonly meetings: FakeOnlineMeeting[] = [];
  readonly tokensIssued: string[] = [];
  private readonly valid = new Set<string>();

  constructor(readonly options: TeamsFakeOptions = {}) {
    super();
  }

  get tenantId(): string {
    return this.options.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47';
  }

  get organizerId(): string {
    return this.options.organizerId ?? 'b8d2a1c4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  }

  /** `graphUrl` and `loginUrl` both: one server plays both hosts. */
  get graphUrl(): string {
    return this.url;
  }

  expireTokens(): void {
    this.valid.clear();
  }

  protected override errorBody(status: number): unknown {
    const code: Record<number, string> = { 401: 'InvalidAuthenticationToken', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests', 503: 'ServiceUnavailable' };
    const message = status === 401 ? 'Access token has expired or is not yet valid.' : `Scripted failure ${status}.`;
    return { error: { code: code[status] ?? 'InternalServerError', message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.path);
    if (token && request.method === 'POST') return this.token(decodeURIComponent(token[1]!), request);
    const create = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/createOrGet$/.exec(request.path);
    if (!create || request.method !== 'POST') return { status: 404, json: this.errorBody(404) };
    const bearer = bearerOf(request);
    if (!bearer || !this.valid.has(bearer)) return { status: 401, json: this.errorBody(401) };
    return this.createOrGet(decodeURIComponent(create[1]!), request);
  }

  private token(tenant: string, request: RecordedRequest): RemoteAnswer {
    if (tenant !== this.tenantId) return { status: 400, json: { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenant}' not found.`, error_codes: [90002], ...trace() } };
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'AADSTS70003: The app requested an unsupported grant type.', error_codes: [70003], ...trace() } };
    if (form.get('client_id') !== (this.options.clientId ?? 'fake-client')) return { status: 400, json: { error: 'unauthorized_client', error_description: 'AADSTS700016: Application was not found in the directory.', error_codes: [700016], ...trace() } };
    if (form.get('client_secret') !== (this.options.clientSecret ?? 'fake-secret')) return { status: 401, json: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215], ...trace() } };
    if (form.get('scope') !== 'https://graph.microsoft.com/.default') return { status: 400, json: { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid.', error_codes: [1002012], ...trace() } };
    const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(32).toString('base64url')}`;
    this.valid.add(accessToken);
    this.tokensIssued.push(accessToken);
    const ttl = this.options.tokenTtlSeconds ?? 3599;
    return { status: 200, json: { token_type: 'Bearer', expires_in: ttl, ext_expires_in: ttl, access_token: accessToken } };
  }

  private createOrGet(organizer: string, request: RecordedRequest): RemoteAnswer {
    if (!(this.options.policyUsers ?? [this.organizerId]).includes(organizer)) {
      return { status: 403, json: { error: { code: 'Forbidden', message: 'Application access policy not found for this app.' } } };
    }
    let body: { externalId?: unknown; subject?: unknown; startDateTime?: unknown; endDateTime?: unknown };
    try {
      body = JSON.parse(request.body) as typeof body;
    } catch {
      return { status: 400, json: { error: { code: 'BadRequest', message: 'Unable to read JSON request payload.' } } };
    }
    if (typeof body.externalId !== 'string' || !body.externalId) return { status: 400, json: { error: { code: 'BadRequest', message: 'externalId is required.' } } };
    const existing = this.meetings.find((m) => m.organizer === organizer && m.externalId === body.externalId);
    if (existing) return { status: 200, json: this.answer(existing) };
    const meeting: FakeOnlineMeeting = {
      id: `MSo${randomBytes(60).toString('base64url')}`, externalId: body.externalId, organizer,
      subject: typeof body.subject === 'string' ? body.subject : '', startDateTime: String(body.startDateTime ?? new Date().toISOString()),
      endDateTime: String(body.endDateTime ?? new Date(Date.now() + 3_600_000).toISOString()),
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(24).toString('base64url')}%40thread.v2/0?context=%7b%22Tid%22%3a%22${this.tenantId}%22%7d`,
    };
    this.meetings.push(meeting);
    return { status: 201, json: this.answer(meeting) };
  }

  private answer(meeting: FakeOnlineMeeting): unknown {
    return {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users('${meeting.organizer}')/onlineMeetings/$entity`,
      id: meeting.id, externalId: meeting.externalId, subject: meeting.subject, startDateTime: meeting.startDateTime, endDateTime: meeting.endDateTime,
      creationDateTime: meeting.startDateTime, joinWebUrl: meeting.joinWebUrl, videoTeleconferenceId: null,
      joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: '1234567890', passcode: null },
      participants: { organizer: { upn: null, role: 'presenter', identity: { user: { id: meeting.organizer, displayName: null } } }, attendees: [] },
    };
  }
}
