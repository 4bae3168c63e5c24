import { MusterError } from '@muster/core';
import { ConnectorClient, type HeaderPropagationCollection } from '@microsoft/agents-hosting';
import type { BotTokenSource } from '../connector/token-source';
import type { TrustedServiceHosts } from '../connector/trusted-hosts';

/** Refused before anything is sent: the serviceUrl is not a Bot Connector host Muster trusts. */
export class UntrustedServiceUrl extends Error {
  constructor() {
    super('The serviceUrl is not a trusted Bot Connector host; nothing was sent to it.');
  }
}

/**
 * The one way the transport gets a Bot Connector client: only for a trusted serviceUrl, and with the
 * bot's own token from the token source. So a forged serviceUrl in an activity can never receive the
 * token, whatever identity the request claimed.
 */
export class ConnectorAccess {
  constructor(
    private readonly trusted: TrustedServiceHosts,
    private readonly tokens: BotTokenSource,
    /** With an app id, a missing token is an error; anonymous only without one. */
    private readonly tokenRequired: boolean,
  ) {}

  async client(serviceUrl: string | undefined, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    if (!serviceUrl || !this.trusted.isTrusted(serviceUrl)) throw new UntrustedServiceUrl();
    const token = await this.tokens.token(serviceUrl);
    if (!token && this.tokenRequired) throw new MusterError('unavailable', 'No Bot Connector token could be obtained for the configured app id');
    return ConnectorClient.createClientWithToken(serviceUrl, token ?? '', headers);
  }
}
