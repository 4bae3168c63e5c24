import { secretEnvName, verifyBasic, verifyBearer, verifyHeaderToken, type PluginSecrets, type Verification, type WebhookRequest } from '@muster/plugin-sdk';

/** The custom header a Datadog webhook can carry instead of an Authorization header. */
export const TOKEN_HEADER = 'x-muster-token';

/**
 * Datadog webhooks send whatever custom headers the webhook defines: `X-Muster-Token: <token>`,
 * `Authorization: Bearer <token>`, or basic auth. Nothing configured → every request is refused.
 */
export function verifyDatadog(pluginId: string, request: WebhookRequest, secrets: PluginSecrets): Verification {
  const token = secrets.get('TOKEN') ?? '';
  const user = secrets.get('USERNAME') ?? '';
  const password = secrets.get('PASSWORD') ?? '';
  if (!token && !(user && password)) {
    return { ok: false, reason: `no credentials are configured: set ${secretEnvName(pluginId, 'TOKEN')}, or ${secretEnvName(pluginId, 'USERNAME')} and ${secretEnvName(pluginId, 'PASSWORD')}` };
  }
  if (request.headers[TOKEN_HEADER] !== undefined) return verifyHeaderToken(request, TOKEN_HEADER, token);
  const scheme = request.headers.authorization?.trim().split(/\s/, 1)[0]?.toLowerCase();
  return scheme === 'basic' ? verifyBasic(request, user, password) : verifyBearer(request, token);
}
