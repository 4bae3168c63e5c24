import { MsalTokenProvider } from '@microsoft/agents-hosting';
import type { BotTokenSource } from '../connector/token-source';
import type { TrustedServiceHosts } from '../connector/trusted-hosts';
import { authConfigurationOf, type TeamsAuth } from './teams-auth';
import { UntrustedServiceUrl } from './connector-access';

/** The resource Bot Connector tokens are for (public cloud; `https://api.botframework.us` in US Government). */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com';

/**
 * The bot's outbound token in production: client credentials for the app id through the SDK's
 * MsalTokenProvider (MSAL, with its cache). MSAL accepts only an https authority, so tests that point
 * the login URL at a local fake use a token source that calls the fake's token endpoint instead.
 * Refuses to hand a token out for a serviceUrl outside the trusted hosts.
 */
export class MsalBotTokenSource implements BotTokenSource {
  private readonly provider?: MsalTokenProvider;

  constructor(auth: TeamsAuth, private readonly trusted: TrustedServiceHosts, private readonly scope = BOT_CONNECTOR_SCOPE) {
    if (auth.kind === 'entra') this.provider = new MsalTokenProvider(authConfigurationOf(auth).connections?.values().next().value);
  }

  async token(serviceUrl: string): Promise<string | undefined> {
    if (!this.trusted.isTrusted(serviceUrl)) throw new UntrustedServiceUrl();
    return this.provider ? this.provider.getAccessToken(this.scope) : undefined;
  }
}
