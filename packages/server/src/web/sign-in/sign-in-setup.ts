import type { Logger, MusterSettings } from '@muster/core';
import type { Store } from '@muster/store';
import type { ServerConfig } from '../../config/server-config';
import type { PlatformIntegration } from '../../platforms/platform-integration';
import type { SlackIntegration } from '../../platforms/slack/slack-integration';
import { entraTenants } from '../../config/sign-in-env';
import { oidcProviders, type OidcProvider } from './oidc-providers';
import { SignInAdmission } from './sign-in-admission';

/** The OpenID Connect providers of this configuration and who they may admit; none without MUSTER_PUBLIC_URL. */
export function signInSetup(config: ServerConfig, settings: MusterSettings, store: Store, platforms: readonly PlatformIntegration[], logger: Logger): { providers: OidcProvider[]; admission: SignInAdmission } {
  const providers = config.publicUrl ? oidcProviders(config) : [];
  const slack = platforms.find((p): p is SlackIntegration => p.platform === 'slack' && 'webApi' in p && 'mode' in p);
  // One workspace with a bot token: the token's own team (auth.test, cached by the adapter) is served.
  const botTeam = slack && slack.mode.kind !== 'oauth' ? async () => (await slack.webApi.authTest('')).teamId : undefined;
  const admission = new SignInAdmission({
    tenants: settings.tenants, installations: store.installations, botTeam, entraTenants: entraTenants(config).map((t) => t.id), logger,
  });
  return { providers, admission };
}
