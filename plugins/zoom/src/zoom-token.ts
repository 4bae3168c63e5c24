import { PluginConfigError, PluginHttpError, type PluginContext, accessTokenOf, expiresInOf, type IssuedToken } from '@muster/plugin-sdk';
import type { ZoomConfig } from './config';

/**
 * Zoom Server-to-Server OAuth: `POST <oauthUrl>?grant_type=account_credentials&account_id=…` with
 * basic auth client id:secret. A refusal (400/401: wrong id, secret or account) is a configuration
 * problem, reported by Zoom's error code only: its answer is never echoed.
 */
export function zoomTokenIssuer(ctx: PluginContext<ZoomConfig>): () => Promise<IssuedToken> {
  return async () => {
    const accountId = ctx.secrets.require('ACCOUNT_ID');
    const basic = Buffer.from(`${ctx.secrets.require('CLIENT_ID')}:${ctx.secrets.require('CLIENT_SECRET')}`).toString('base64');
    const url = new URL(ctx.config.oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', accountId);
    let answer;
    try {
      answer = await ctx.http.request({ method: 'POST', url: url.href, headers: { authorization: `Basic ${basic}` } });
    } catch (error) {
      if (error instanceof PluginHttpError && (error.status === 400 || error.status === 401)) {
        throw new PluginConfigError(`Zoom refused the app's credentials (${oauthErrorCode(error.body)}): check MUSTER_PLUGIN_ZOOM_ACCOUNT_ID, _CLIENT_ID and _CLIENT_SECRET of the Server-to-Server OAuth app`, 'CLIENT_SECRET');
      }
      throw error;
    }
    const body = answer.json<{ access_token?: unknown; expires_in?: unknown }>();
    const accessToken = accessTokenOf(body?.access_token);
    if (!accessToken) throw new PluginHttpError('Zoom\'s token endpoint answered without a usable access_token', answer.status);
    return { accessToken, expiresIn: expiresInOf(body.expires_in) };
  };
}

/** The OAuth `error` code of a refusal (`invalid_client`), when it is one; never free text from the answer. */
export function oauthErrorCode(body: string | undefined): string {
  try {
    const code = (JSON.parse(body ?? '') as { error?: unknown }).error;
    if (typeof code === 'string' && /^[a-z_]{1,60}$/.test(code)) return code;
  } catch {
    // Not JSON: fall through.
  }
  return 'no error code';
}
