import { secretEnvName, verifyBasic, verifyBearer, type PluginSecrets, type Verification, type WebhookRequest } from '@muster/plugin-sdk';

/**
 * A Grafana webhook contact point sends either its Authorization header (scheme Bearer) or its
 * basic-auth user and password; the scheme of the request picks which one is checked. Nothing
 * configured → every request is refused.
 */
export function verifyBearerOrBasic(pluginId: string, request: WebhookRequest, secrets: PluginSecrets): Verification {
  const token = secrets.get('TOKEN') ?? '';
  const user = secrets.get('USERNAME') ?? '';
  const password = secrets.get('PASSWORD') ?? '';
  if (!token && !(user && password)) {
    return { ok: false, reason: `no credentials are configured: set ${secretEnvName(pluginId, 'TOKEN')}, or ${secretEnvName(pluginId, 'USERNAME')} and ${secretEnvName(pluginId, 'PASSWORD')}` };
  }
  const scheme = request.headers.authorization?.trim().split(/\s/, 1)[0]?.toLowerCase();
  return scheme === 'basic' ? verifyBasic(request, user, password) : verifyBearer(request, token);
}
