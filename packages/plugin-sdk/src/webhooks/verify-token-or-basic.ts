import type { Verification, WebhookRequest } from '../capabilities/alert-source';
import { secretEnvName } from '../define-plugin';
import type { PluginSecrets } from '../plugin-context';
import { verifyBasic, verifyBearer, verifyHeaderToken } from './verify';

export interface TokenOrBasicOptions {
  /**
   * A header that carries TOKEN when the sender cannot set Authorization (Datadog's custom
   * `X-Muster-Token`): a request sending it is judged by it alone.
   */
  readonly tokenHeader?: string;
}

/**
 * For senders that can be given a bearer token or basic auth (Alertmanager's `http_config`, Grafana's
 * contact point, a Datadog webhook's headers): the secrets TOKEN, or USERNAME and PASSWORD. The
 * scheme of the request picks which is checked. With neither set every request is refused, and the
 * reason names the variables to set.
 */
export function verifyTokenOrBasic(request: Pick<WebhookRequest, 'headers'>, secrets: Pick<PluginSecrets, 'get'>, pluginId: string, options: TokenOrBasicOptions = {}): Verification {
  const token = secrets.get('TOKEN') ?? '';
  const user = secrets.get('USERNAME') ?? '';
  const password = secrets.get('PASSWORD') ?? '';
  if (!token && !(user && password)) {
    const name = (secret: string) => secretEnvName(pluginId, secret);
    return { ok: false, reason: `no credentials are configured: set ${name('TOKEN')}, or ${name('USERNAME')} and ${name('PASSWORD')}` };
  }
  if (options.tokenHeader && request.headers[options.tokenHeader.toLowerCase()] !== undefined) return verifyHeaderToken(request, options.tokenHeader, token);
  const scheme = request.headers.authorization?.trim().split(/\s/, 1)[0]?.toLowerCase();
  return scheme === 'basic' ? verifyBasic(request, user, password) : verifyBearer(request, token);
}
