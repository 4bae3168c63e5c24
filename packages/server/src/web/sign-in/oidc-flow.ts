import * as oidc from 'openid-client';
import type { OidcProvider } from './oidc-providers';
import type { OidcAttempt } from './oidc-state-cookie';

/** Why a sign-in did not finish, in words for the person; never the provider's raw answer or a code. */
export class SignInFailed extends Error {
  constructor(message: string, readonly status: 400 | 403 | 502 = 400) {
    super(message);
  }
}

/**
 * The authorization code flow with PKCE for one provider, by openid-client: discovery, the authorize
 * URL, and the code exchange, in which the library validates the id_token (signature from the JWKS,
 * issuer, audience, nonce, expiry). Discovery is fetched on first use and kept; a failed one is retried
 * on the next sign-in rather than remembered.
 */
export class OidcFlow {
  private configuration?: Promise<oidc.Configuration>;

  constructor(readonly provider: OidcProvider, private readonly redirectUri: string) {}

  async start(next: string): Promise<{ url: string; attempt: OidcAttempt }> {
    const config = await this.config();
    const attempt: OidcAttempt = { provider: this.provider.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri, scope: this.provider.scope, response_type: 'code', state: attempt.state, nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier), code_challenge_method: 'S256',
    });
    return { url: url.href, attempt };
  }

  /** The validated id_token's claims for the provider's answer at the callback (its query string). */
  async finish(search: URLSearchParams, attempt: OidcAttempt): Promise<Record<string, unknown>> {
    const config = await this.config();
    const current = new URL(this.redirectUri);
    for (const [k, v] of search) current.searchParams.append(k, v);
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SignInFailed('The sign-in service sent no identity. Try again.');
      return claims as Record<string, unknown>;
    } catch (error) {
      if (error instanceof SignInFailed) throw error;
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') {
        throw new SignInFailed('This sign-in answer was already used or has expired. Start again from the sign-in page.');
      }
      if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
        throw new SignInFailed(`The sign-in service refused (${safeCode(error.error)}). Start again from the sign-in page.`);
      }
      throw new SignInFailed('The sign-in answer could not be checked (its state, signature, issuer, audience, nonce or expiry did not match). Start again from the sign-in page.');
    }
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= discover(this.provider).catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }
}

function discover(p: OidcProvider): Promise<oidc.Configuration> {
  // Plain http only for an issuer configured as http (a local fake in tests, a proxy on localhost).
  // The library trusts the TLS connection to the token endpoint for the id_token by default (OIDC Core
  // 3.1.3.7 allows it); checking its signature against the provider's JWKS as well costs one cached fetch.
  const execute = [
    ...(p.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : []),
    oidc.enableNonRepudiationChecks,
    ...(p.method === 'slack' ? [slackErrorsAsOAuthErrors] : []),
  ];
  return oidc.discovery(new URL(p.issuer), p.clientId, { client_secret: p.clientSecret }, oidc.ClientSecretPost(p.clientSecret), { execute, timeout: 10 });
}

/**
 * Slack's Web API answers errors with HTTP 200 and `{ "ok": false, "error": "invalid_code" }`, also at
 * its OpenID token endpoint, where the library expects an OAuth error (a 400 with `error`). Translated
 * here so a used or expired code reads as `invalid_grant` like at any other provider.
 */
function slackErrorsAsOAuthErrors(config: oidc.Configuration): void {
  config[oidc.customFetch] = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = await response.clone().json().catch(() => undefined) as { ok?: unknown; error?: unknown } | undefined;
    if (body?.ok !== false) return response;
    const error = body.error === 'invalid_code' || body.error === 'code_already_used' ? 'invalid_grant' : safeCode(body.error);
    return new Response(JSON.stringify({ error }), { status: 400, headers: { 'content-type': 'application/json' } });
  };
}

/** An OAuth error code is a short token; anything else is not shown back. */
export const safeCode = (code: unknown): string => (typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : 'error');
