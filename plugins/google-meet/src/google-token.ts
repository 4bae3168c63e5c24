import { PluginConfigError, PluginHttpError, type PluginContext, accessTokenOf, expiresInOf, type IssuedToken } from '@muster/plugin-sdk';
import type { GoogleMeetConfig } from './config';
import { signJwt } from './jwt';
import { parseServiceAccount, type ServiceAccount } from './service-account';

export const MEET_SCOPE = 'https://www.googleapis.com/auth/meetings.space.created';
/** Google accepts assertions valid for at most an hour. */
const LIFETIME_S = 3600;

/**
 * The OAuth 2.0 JWT bearer grant for a service account: a JWT signed with its private key (iss its
 * email, the Meet scope, aud the token URI, `sub` the impersonated user) exchanged at `tokenUrl`.
 * Google's refusals (400/401: bad signature, delegation not granted) are configuration problems,
 * reported by their OAuth error code only.
 */
export function googleTokenIssuer(ctx: PluginContext<GoogleMeetConfig>, now: () => number = Date.now): () => Promise<IssuedToken> {
  let account: ServiceAccount | undefined;
  return async () => {
    account ??= parseServiceAccount(ctx.secrets.require('SERVICE_ACCOUNT_KEY'));
    const iat = Math.floor(now() / 1000);
    const assertion = signJwt({
      iss: account.clientEmail, scope: MEET_SCOPE, aud: account.tokenUri, iat, exp: iat + LIFETIME_S,
      ...(ctx.config.impersonate ? { sub: ctx.config.impersonate } : {}),
    }, account.privateKey, account.privateKeyId);
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    let answer;
    try {
      answer = await ctx.http.request({ method: 'POST', url: ctx.config.tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } catch (error) {
      if (error instanceof PluginHttpError && (error.status === 400 || error.status === 401)) {
        throw new PluginConfigError(`Google refused the service account's token request (${oauthErrorCode(error.body)}): check the key, that the Meet API is enabled, and domain-wide delegation of ${MEET_SCOPE} to ${ctx.config.impersonate ? 'the impersonated user' : 'a user named by impersonate'}`, 'SERVICE_ACCOUNT_KEY');
      }
      throw error;
    }
    const body = answer.json<{ access_token?: unknown; expires_in?: unknown }>();
    const accessToken = accessTokenOf(body?.access_token);
    if (!accessToken) throw new PluginHttpError('Google\'s token endpoint answered without a usable access_token', answer.status);
    return { accessToken, expiresIn: expiresInOf(body.expires_in) };
  };
}

/** The OAuth `error` code of a refusal (`invalid_grant`), when it is one; never free text from the answer. */
function oauthErrorCode(body: string | undefined): string {
  try {
    const code = (JSON.parse(body ?? '') as { error?: unknown }).error;
    if (typeof code === 'string' && /^[a-z_]{1,60}$/.test(code)) return code;
  } catch {
    // Not JSON: fall through.
  }
  return 'no error code';
}
