import { PluginConfigError, PluginHttpError, type PluginContext, accessTokenOf, expiresInOf, type IssuedToken } from '@muster/plugin-sdk';
import type { TeamsMeetingConfig } from './config';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * Microsoft Entra's client-credentials grant: `POST <loginUrl>/<tenant>/oauth2/v2.0/token` with the
 * app's id and secret in the form. A refusal (400/401: wrong secret, unknown app or tenant) is a
 * configuration problem, reported by its OAuth error code and AADSTS number only.
 */
export function entraTokenIssuer(ctx: PluginContext<TeamsMeetingConfig>): () => Promise<IssuedToken> {
  return async () => {
    const form = new URLSearchParams({
      client_id: ctx.secrets.require('CLIENT_ID'),
      client_secret: ctx.secrets.require('CLIENT_SECRET'),
      scope: scopeFor(ctx.config.graphUrl),
      grant_type: 'client_credentials',
    });
    const url = `${ctx.config.loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(ctx.config.tenantId)}/oauth2/v2.0/token`;
    let answer;
    try {
      answer = await ctx.http.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } catch (error) {
      if (error instanceof PluginHttpError && (error.status === 400 || error.status === 401)) {
        throw new PluginConfigError(`Microsoft Entra refused the app's token request (${refusalOf(error.body)}): check tenantId, MUSTER_PLUGIN_TEAMS_MEETING_CLIENT_ID and _CLIENT_SECRET`, 'CLIENT_SECRET');
      }
      throw error;
    }
    const body = answer.json<{ access_token?: unknown; expires_in?: unknown }>();
    const accessToken = accessTokenOf(body?.access_token);
    if (!accessToken) throw new PluginHttpError('Microsoft Entra\'s token endpoint answered without a usable access_token', answer.status);
    return { accessToken, expiresIn: expiresInOf(body.expires_in) };
  };
}

/** Graph's `.default` scope; a national cloud's Graph (graph.microsoft.us) has its own, a test's or proxy's URL the global one. */
function scopeFor(graphUrl: string): string {
  const host = new URL(graphUrl).hostname;
  return /^(graph|dod-graph)\.microsoft\.(com|us)$|^microsoftgraph\.chinacloudapi\.cn$/.test(host) ? `https://${host}/.default` : GRAPH_SCOPE;
}

/** `invalid_client, AADSTS7000215` from an Entra error body; never its free text. */
function refusalOf(body: string | undefined): string {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: unknown; error_codes?: unknown };
    const code = typeof parsed.error === 'string' && /^[a-z_]{1,60}$/.test(parsed.error) ? parsed.error : 'no error code';
    const first = Array.isArray(parsed.error_codes) && Number.isInteger(parsed.error_codes[0]) ? `, AADSTS${parsed.error_codes[0]}` : '';
    return code + first;
  } catch {
    return 'no error code';
  }
}
