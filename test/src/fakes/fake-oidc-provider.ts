/**
 * A fake OpenID Connect provider on 127.0.0.1, in Slack's or Microsoft Entra ID's documented shape:
 *
 * - Slack ("Sign in with Slack", https://api.slack.com/authentication/sign-in-with-slack): issuer is the
 *   base URL (`https://slack.com` for real), `/openid/connect/authorize`, `/api/openid.connect.token`
 *   (answers `{ ok: true, access_token, token_type, id_token }`, errors as HTTP 200 `{ ok: false, error }`
 *   like every Slack Web API method), `/openid/connect/keys`; claims `https://slack.com/user_id`,
 *   `https://slack.com/team_id`, `name`, `email`.
 * - Entra ID (v2.0): issuer `<base>/<tenant>/v2.0`, `/<tenant>/oauth2/v2.0/authorize`, `/token` (OAuth
 *   errors as 400 `{ error, error_description }`), `/<tenant>/discovery/v2.0/keys`; claims `oid`, `tid`, `name`.
 *
 * The authorize endpoint signs in `fake.user` at once (no login form) and redirects back with a code and
 * the state; `fake.deny = true` redirects with `error=access_denied` instead. The token endpoint checks
 * the client's id and secret, the redirect URI and the PKCE verifier, and takes each code once. id_tokens
 * are RS256 JWTs signed with a key made at start; `fake.tamper` spoils the next ones for hostile tests.
 *
 *   const slack = await FakeOidcProvider.start({ kind: 'slack', clientId, clientSecret });
 *   slack.issuer   // SLACK_OIDC_ISSUER
 *   slack.user = { 'https://slack.com/user_id': 'U1', 'https://slack.com/team_id': 'T1', name: 'Ana' };
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OidcKind = 'slack' | 'entra';
export type Tamper = 'none' | 'nonce' | 'audience' | 'issuer' | 'expired' | 'signature' | 'unsigned';

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce?: string;
  readonly claims: Record<string, unknown>;
  used: boolean;
}

export interface FakeOidcOptions {
  readonly kind: OidcKind;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Entra only: the tenant in the paths and the issuer. */
  readonly tenantId?: string;
}

export class FakeOidcProvider {
  /** Who the authorize endpoint signs in (the id_token's person claims). */
  user: Record<string, unknown> = {};
  deny = false;
  tamper: Tamper = 'none';
  /** Every authorize request's query, in order. */
  readonly authorizeRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private readonly keyId = randomBytes(8).toString('hex');
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private readonly otherKey: KeyObject;

  private constructor(private readonly server: Server, readonly options: FakeOidcOptions, readonly base: string) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicJwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: this.keyId, use: 'sig', alg: 'RS256' };
    this.otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  static async start(options: FakeOidcOptions): Promise<FakeOidcProvider> {
    const ready: { fake?: FakeOidcProvider } = {};
    const server = createServer((req, res) => {
      void ready.fake!.handle(req, res).catch(() => send(res, 500, { error: 'server_error' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ready.fake = new FakeOidcProvider(server, options, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return ready.fake;
  }

  /** SLACK_OIDC_ISSUER, or for Entra the tenant's issuer. */
  get issuer(): string {
    return this.options.kind === 'slack' ? this.base : `${this.base}/${this.options.tenantId}/v2.0`;
  }

  /** MICROSOFT_LOGIN_URL for the Entra kind. */
  get loginUrl(): string {
    return this.base;
  }

  /** How many codes were exchanged for tokens. */
  get exchanged(): number {
    return [...this.codes.values()].filter((c) => c.used).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private paths() {
    if (this.options.kind === 'slack') {
      return { discovery: '/.well-known/openid-configuration', authorize: '/openid/connect/authorize', token: '/api/openid.connect.token', keys: '/openid/connect/keys', userinfo: '/api/openid.connect.userInfo' };
    }
    const t = `/${this.options.tenantId}`;
    return { discovery: `${t}/v2.0/.well-known/openid-configuration`, authorize: `${t}/oauth2/v2.0/authorize`, token: `${t}/oauth2/v2.0/token`, keys: `${t}/discovery/v2.0/keys`, userinfo: '/oidc/userinfo' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const p = this.paths();
    if (req.method === 'GET' && url.pathname === p.discovery) return send(res, 200, this.discovery());
    if (req.method === 'GET' && url.pathname === p.keys) return send(res, 200, { keys: [this.publicJwk] });
    if (req.method === 'GET' && url.pathname === p.authorize) return this.authorize(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === p.token) return this.token(new URLSearchParams(await readBody(req)), res);
    return send(res, 404, { error: 'not_found' });
  }

  private discovery(): Record<string, unknown> {
    const p = this.paths();
    return {
      issuer: this.issuer,
      authorization_endpoint: this.base + p.authorize,
      token_endpoint: this.base + p.token,
      userinfo_endpoint: this.base + p.userinfo,
      jwks_uri: this.base + p.keys,
      scopes_supported: this.options.kind === 'slack' ? ['openid', 'profile', 'email'] : ['openid', 'profile', 'email', 'offline_access'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: this.options.kind === 'slack' ? ['client_secret_post'] : ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  private authorize(q: URLSearchParams, res: ServerResponse): void {
    this.authorizeRequests.push(q);
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== this.options.clientId || !redirectUri) return send(res, 400, { error: 'invalid_client' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state) back.searchParams.set('state', state);
    if (this.deny) {
      back.searchParams.set('error', 'access_denied');
      return redirectTo(res, back.href);
    }
    const challenge = q.get('code_challenge');
    if (q.get('response_type') !== 'code' || !challenge || q.get('code_challenge_method') !== 'S256') return send(res, 400, { error: 'invalid_request' });
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { clientId: this.options.clientId, redirectUri, challenge, nonce: q.get('nonce') ?? undefined, claims: { ...this.user }, used: false });
    back.searchParams.set('code', code);
    redirectTo(res, back.href);
  }

  private token(form: URLSearchParams, res: ServerResponse): void {
    const fail = (error: string) => (this.options.kind === 'slack' ? send(res, 200, { ok: false, error: slackError(error) }) : send(res, 400, { error, error_description: `AADSTS: ${error}` }));
    if (form.get('client_id') !== this.options.clientId || form.get('client_secret') !== this.options.clientSecret) return fail('invalid_client');
    if (form.get('grant_type') !== 'authorization_code') return fail('unsupported_grant_type');
    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.used || code.redirectUri !== form.get('redirect_uri')) return fail('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return fail('invalid_grant');
    code.used = true;
    const idToken = this.idToken(code);
    const accessToken = this.options.kind === 'slack' ? `xoxp-${randomBytes(8).toString('hex')}` : randomBytes(24).toString('base64url');
    send(res, 200, this.options.kind === 'slack'
      ? { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: idToken }
      : { token_type: 'Bearer', scope: 'openid profile', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken, id_token: idToken });
  }

  private idToken(code: PendingCode): string {
    const now = Math.floor(Date.now() / 1000);
    const t = this.tamper;
    const claims: Record<string, unknown> = {
      iss: t === 'issuer' ? `${this.issuer}-elsewhere` : this.issuer,
      aud: t === 'audience' ? 'someone-else' : code.clientId,
      sub: String(code.claims['https://slack.com/user_id'] ?? code.claims.oid ?? 'nobody'),
      iat: t === 'expired' ? now - 7200 : now,
      nbf: t === 'expired' ? now - 7200 : now,
      exp: t === 'expired' ? now - 3600 : now + 3600,
      ...(code.nonce && { nonce: t === 'nonce' ? 'not-the-nonce' : code.nonce }),
      ...(this.options.kind === 'entra' && { ver: '2.0' }),
      ...code.claims,
    };
    const header = { alg: t === 'unsigned' ? 'none' : 'RS256', typ: 'JWT', kid: this.keyId };
    const input = `${b64(header)}.${b64(claims)}`;
    if (t === 'unsigned') return `${input}.`;
    const signature = sign('sha256', Buffer.from(input), t === 'signature' ? this.otherKey : this.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Slack's names for the OAuth errors of openid.connect.token. */
const slackError = (oauth: string): string => ({ invalid_grant: 'invalid_code', invalid_client: 'invalid_client_id' } as Record<string, string>)[oauth] ?? oauth;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function redirectTo(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => { body += d; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
