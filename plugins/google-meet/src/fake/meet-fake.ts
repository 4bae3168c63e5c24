import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import { bearerOf, FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';

export interface MeetFakeOptions {
  /** The `sub` every assertion must carry (domain-wide delegation granted to that user only); default: any or none. */
  readonly requireSubject?: string;
  readonly tokenTtlSeconds?: number;
}

/** A space as the fake keeps it. */
export interface FakeMeetSpace {
  readonly name: string;
  readonly meetingUri: string;
  readonly meetingCode: string;
  readonly config: Record<string, unknown>;
  activeConference: boolean;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MEET_SCOPE = 'https://www.googleapis.com/auth/meetings.space.created';
const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

/**
 * Google's OAuth token endpoint for service accounts (`POST /token`, the JWT bearer grant, the
 * assertion's RS256 signature checked against the key pair the fake made) and the Meet REST API v2
 * spaces (`/v2/spaces`, `:endActiveConference`), with Google's `{error: {code, message, status}}`
 * bodies. `serviceAccountKey` is the JSON key file to hand the plugin.
 */
export class MeetFake extends FakeRemote {
  readonly spaces = new Map<string, FakeMeetSpace>();
  readonly tokensIssued: string[] = [];
  /** The claims of every assertion the token endpoint accepted. */
  readonly assertions: Record<string, unknown>[] = [];
  readonly clientEmail = 'muster-bridge@acme-incidents.iam.gserviceaccount.com';
  private readonly valid = new Set<string>();
  private readonly publicKey: KeyObject;
  private readonly privatePem: string;

  constructor(readonly options: MeetFakeOptions = {}) {
    super();
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = pair.publicKey;
    this.privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  get apiUrl(): string {
    return `${this.url}/v2`;
  }

  /** The key file as Google Cloud's console downloads it, its `token_uri` this fake. */
  serviceAccountKey(): string {
    return JSON.stringify({
      type: 'service_account', project_id: 'acme-incidents', private_key_id: 'b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9',
      private_key: this.privatePem, client_email: this.clientEmail, client_id: '104857600000000000001',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: this.tokenUrl,
    });
  }

  /** The private key's PEM, for tests that look for it where it must not be. */
  get privateKeyPem(): string {
    return this.privatePem;
  }

  expireTokens(): void {
    this.valid.clear();
  }

  /** Someone joined: the space has an active conference. */
  startConference(name: string): void {
    const space = this.spaces.get(name);
    if (space) space.activeConference = true;
  }

  protected override errorBody(status: number): unknown {
    const statusName: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
    const message = status === 401 ? 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.' : `Scripted failure ${status}.`;
    return { error: { code: status, message, status: statusName[status] ?? 'UNKNOWN' } };
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    if (request.method === 'POST' && request.path === '/token') return this.token(request);
    if (!request.path.startsWith('/v2/')) return { status: 404, json: this.errorBody(404) };
    const token = bearerOf(request);
    if (!token || !this.valid.has(token)) return { status: 401, json: this.errorBody(401) };
    if (request.method === 'POST' && request.path === '/v2/spaces') return this.create(request);
    const end = /^\/v2\/(spaces\/[^/:]+):endActiveConference$/.exec(request.path);
    if (end && request.method === 'POST') return this.end(end[1]!);
    return { status: 404, json: this.errorBody(404) };
  }

  private token(request: RecordedRequest): RemoteAnswer {
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== JWT_BEARER) return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' } };
    const claims = this.verifiedClaims(form.get('assertion') ?? '');
    if (!claims) return { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    const now = Math.floor(Date.now() / 1000);
    const { iss, scope, aud, iat, exp, sub } = claims as { iss?: unknown; scope?: unknown; aud?: unknown; iat?: unknown; exp?: unknown; sub?: unknown };
    if (iss !== this.clientEmail || aud !== this.tokenUrl) return { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT: iss or aud.' } };
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || iat > now + 60 || exp - iat > 3600) return { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.' } };
    if (typeof scope !== 'string' || !scope.split(' ').includes(MEET_SCOPE) || (this.options.requireSubject !== undefined && sub !== this.options.requireSubject)) {
      return { status: 401, json: { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' } };
    }
    this.assertions.push(claims);
    const accessToken = `ya29.c.${randomBytes(32).toString('base64url')}`;
    this.valid.add(accessToken);
    this.tokensIssued.push(accessToken);
    return { status: 200, json: { access_token: accessToken, expires_in: this.options.tokenTtlSeconds ?? 3599, token_type: 'Bearer' } };
  }

  /** The claims of an RS256 JWT signed by the fake's key, else undefined. */
  private verifiedClaims(assertion: string): Record<string, unknown> | undefined {
    const parts = assertion.split('.');
    if (parts.length !== 3) return undefined;
    try {
      const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'RS256') return undefined;
      if (!verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), this.publicKey, Buffer.from(parts[2]!, 'base64url'))) return undefined;
      return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private create(request: RecordedRequest): RemoteAnswer {
    let body: { config?: { accessType?: unknown } };
    try {
      body = JSON.parse(request.body || '{}') as typeof body;
    } catch {
      return { status: 400, json: { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } } };
    }
    const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
    const space: FakeMeetSpace = {
      name: `spaces/${randomBytes(9).toString('base64url')}`, meetingUri: `https://meet.google.com/${code}`, meetingCode: code,
      config: { accessType: body.config?.accessType ?? 'TRUSTED', entryPointAccess: 'ALL' }, activeConference: false,
    };
    this.spaces.set(space.name, space);
    const { activeConference: _a, ...answer } = space;
    return { status: 200, json: answer };
  }

  private end(name: string): RemoteAnswer {
    const space = this.spaces.get(name);
    if (!space) return { status: 404, json: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } };
    if (!space.activeConference) return { status: 400, json: { error: { code: 400, message: 'The space has no active conference.', status: 'FAILED_PRECONDITION' } } };
    space.activeConference = false;
    return { status: 200, json: {} };
  }
}
