import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type AuthConfiguration, type ConnectorClient, type HeaderPropagationCollection, type OutboundUrlPolicy, type TurnContext } from '@microsoft/agents-hosting';
import type { TrustedServiceHosts } from '../connector/trusted-hosts';
import type { ConnectorAccess } from './connector-access';

/**
 * The SDK's CloudAdapter with Muster's outbound rules: every Bot Connector client comes from
 * ConnectorAccess (trusted hosts, the bot's own token), the SDK's host policy is Muster's trusted
 * hosts, and a turn that fails is not answered in chat with the SDK's "the agent encountered an
 * error" messages: the error goes back to the HTTP layer, which answers 500 so Teams redelivers.
 */
export class MusterCloudAdapter extends CloudAdapter {
  constructor(authConfig: AuthConfiguration, trusted: TrustedServiceHosts, private readonly access: ConnectorAccess) {
    const policy: OutboundUrlPolicy = { enabled: true, isAllowed: (url) => !!url && trusted.isTrusted(String(url)) };
    super(authConfig, undefined, undefined, { emitStackTrace: false, validateServiceUrl: true }, policy);
    this.onTurnError = async (_context: TurnContext, error: Error) => {
      throw error;
    };
  }

  protected override async createConnectorClientWithIdentity(_identity: unknown, activity: Activity, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    return this.access.client(activity.serviceUrl, headers);
  }

  protected override async createConnectorClient(serviceUrl: string, _scope: string, _identity: unknown, headers?: HeaderPropagationCollection): Promise<ConnectorClient> {
    return this.access.client(serviceUrl, headers);
  }
}
