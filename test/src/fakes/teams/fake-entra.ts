import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BotTokenSource } from '@muster/teams';
import jwt from 'jsonwebtoken';

/**
 * Microsoft Entra ID as a bot sees it, on 127.0.0.1, from its documented wire formats: per tenant an
 * OpenID configuration (`/{tenant}/v2.0/.well-known/openid-configuration`), its JWKS
 * (`/{tenant}/discovery/v2.0/keys`, where the Agents SDK looks for keys under its authority), and a
 * client-credentials token endpoint (`/{tenant}/oauth2/v2.0/token`). A fresh RSA key per run signs the
 * tokens tests send to Muster; a second key, never published, signs the forgeries.
 */
export class FakeEntra {
  /** Client-credentials requests answered, successful or not. */
  tokenRequests = 0;
  keyRequests = 0;
  private readonly clients = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly own: { readonly privateKey: KeyObject; readonly publicKey: KeyObject; readonly kid: string },
    private readonly stranger: { readonly privateKey: KeyObject; readonly kid: string },
  ) {}

  static async start(): Promise<FakeEntra> {
    const own = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }), kid: `muster-test-${randomUUID().slice(0, 8)}` };
    const stranger = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }), kid: `stranger-${randomUUID().slice(0, 8)}` };
    const ready: { entra?: FakeEntra } = {};
    const server = createServer((req, res) => void ready.entra!.route(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    ready.entra = new FakeEntra(server, url, own, stranger);
    return ready.entra;
  }

  /** The issuer Entra puts in a tenant's v2 tokens (under this fake's authority). */
  issuer(tenantId: string): string {
    return `${this.url}/${tenantId}/v2.0`;
  }

  /** The key id the JWKS publishes. */
  get publishedKid(): string {
    return this.own.kid;
  }

  /** Lets an app id obtain tokens with this secret. */
  registerApp(appId: string, secret: string): void {
    this.clients.set(appId, secret);
  }

  /**
   * A token as the Bot Framework channel sends Muster: RS256 with the published key unless told
   * otherwise. Times are seconds relative to now.
   */
  sign(claims: TokenClaims, options: SignOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      aud: claims.audience, iss: claims.issuer, iat: now + (options.issuedIn ?? 0), nbf: now + (options.validIn ?? -60),
      exp: now + (options.expiresIn ?? 3600), ...(claims.serviceUrl !== undefined ? { serviceurl: claims.serviceUrl } : {}),
      ...(claims.tenantId ? { tid: claims.tenantId } : {}), ...claims.extra,
    };
    const key = options.key === 'stranger' ? this.stranger : this.own;
    const kid = options.kid ?? key.kid;
    return jwt.sign(payload, key.privateKey, { algorithm: 'RS256', keyid: kid, noTimestamp: true });
  }

  /**
   * Whether a bearer token is one this Entra issued to `appId` for `audience` and still valid: how a
   * resource (Graph) checks the app-only tokens a client got from the token endpoint.
   */
  accepts(token: string, audience: string, appId: string): boolean {
    try {
      const claims = jwt.verify(token, this.own.publicKey, { algorithms: ['RS256'], audience }) as { appid?: string };
      return claims.appid === appId;
    } catch {
      return false;
    }
  }

  /** The same claims with `alg: none` and no signature, as a forger would send them. */
  unsigned(claims: TokenClaims): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT', kid: this.own.kid })}.${part({ aud: claims.audience, iss: claims.issuer, nbf: now - 60, exp: now + 3600, serviceurl: claims.serviceUrl })}.`;
  }

  /** HS256 keyed with the public key's PEM: the algorithm-confusion forgery. */
  hmacWithPublicKey(claims: TokenClaims): string {
    const now = Math.floor(Date.now() / 1000);
    const secret = this.own.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    return jwt.sign({ aud: claims.audience, iss: claims.issuer, nbf: now - 60, exp: now + 3600, serviceurl: claims.serviceUrl }, secret, { algorithm: 'HS256', keyid: this.own.kid, noTimestamp: true });
  }

  /**
   * A BotTokenSource over this fake's client-credentials endpoint, as MSAL would call Entra (MSAL itself
   * refuses a plain-http authority, so the server under test is handed this one).
   */
  tokenSource(appId: string, secret: string, tenantId: string, scope = 'https://api.botframework.com/.default'): BotTokenSource {
    let cached: { token: string; until: number } | undefined;
    return {
      token: async () => {
        if (cached && cached.until > Date.now()) return cached.token;
        const response = await fetch(`${this.url}/${tenantId}/oauth2/v2.0/token`, {
          method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope }),
        });
        const body = await response.json() as { access_token?: string; expires_in?: number; error?: string };
        if (!response.ok || !body.access_token) throw new Error(`token endpoint refused: ${body.error ?? response.status}`);
        cached = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 0) - 300) * 1000 };
        return cached.token;
      },
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer: this.issuer(tenant!), jwks_uri: `${this.url}/${tenant}/discovery/v2.0/keys`,
        token_endpoint: `${this.url}/${tenant}/oauth2/v2.0/token`, id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'], response_types_supported: ['token'],
      });
    }
    if (req.method === 'GET' && path === 'discovery/v2.0/keys') {
      this.keyRequests++;
      const jwk = this.own.publicKey.export({ format: 'jwk' });
      return send(res, 200, { keys: [{ ...jwk, kid: this.own.kid, use: 'sig', alg: 'RS256', kty: 'RSA' }] });
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') return this.token(req, res, tenant!);
    return send(res, 404, { error: 'not_found' });
  }

  /** Client credentials (`grant_type=client_credentials`, `client_id`, `client_secret`, `scope`). */
  private async token(req: IncomingMessage, res: ServerResponse, tenant: string): Promise<void> {
    this.tokenRequests++;
    const form = new URLSearchParams(await bodyOf(req));
    const clientId = form.get('client_id') ?? '';
    if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    if (!this.clients.has(clientId) || this.clients.get(clientId) !== form.get('client_secret')) {
      return send(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    }
    const scope = form.get('scope') ?? '';
    const audience = scope.replace(/\/\.default$/u, '');
    const access = this.sign({ audience, issuer: this.issuer(tenant), tenantId: tenant, extra: { appid: clientId, azp: clientId } });
    return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access });
  }
}

export interface TokenClaims {
  readonly audience: string;
  readonly issuer: string;
  /** The `serviceurl` claim; left out when undefined. */
  readonly serviceUrl?: string;
  readonly tenantId?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface SignOptions {
  /** Signed by a key the JWKS does not publish. */
  readonly key?: 'own' | 'stranger';
  /** The `kid` header; default the signing key's own. */
  readonly kid?: string;
  readonly expiresIn?: number;
  readonly validIn?: number;
  readonly issuedIn?: number;
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
