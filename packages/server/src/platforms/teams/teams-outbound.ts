import type { ChatGateway, DirectoryPort } from '@muster/core';
import {
  BotConnectorClient, ClientCredentialsGraphToken, GraphClient, graphScopeFor, renderCard, TeamsChatGateway, TeamsDirectory,
} from '@muster/teams';
import type { TeamsOutboundParts } from './teams-integration';

const built = new WeakMap<TeamsOutboundParts, { gateway: ChatGateway; directory: DirectoryPort }>();

/**
 * How Muster reaches Teams on its own (the outbox, private answers): the Bot Connector with the
 * bot's token, only to trusted hosts, and Microsoft Graph (app-only, the app's tenant) when
 * configured. One gateway and one directory per integration, sharing the Graph client and its token.
 */
export function teamsOutbound(parts: TeamsOutboundParts): { gateway: ChatGateway; directory: DirectoryPort } {
  const known = built.get(parts);
  if (known) return known;
  const t = parts.settings;
  const connector = new BotConnectorClient({ tokens: parts.tokenSource, trustedHosts: parts.trustedHosts });
  const graph = t.graph && t.appId && t.appPassword && t.tenantId
    ? new GraphClient({
      graphUrl: t.graphUrl,
      tokens: new ClientCredentialsGraphToken({ loginUrl: t.loginUrl, tenantId: t.tenantId, clientId: t.appId, clientSecret: t.appPassword, scope: graphScopeFor(t.graphUrl) }),
    })
    : undefined;
  const gateway = new TeamsChatGateway({
    appId: t.appId ?? 'anonymous', connector, conversations: parts.conversations, renderCard, logger: parts.logger,
    ...(graph ? { graph } : {}),
    rooms: {
      ...(t.incidentsTeamId ? { incidentsTeamId: t.incidentsTeamId } : {}),
      ...(t.incidentsChannelId ? { incidentsChannelId: t.incidentsChannelId } : {}),
      ...(t.appCatalogId ? { teamsAppId: t.appCatalogId } : {}),
    },
  });
  const directory = new TeamsDirectory({ ...(graph ? { graph } : {}) });
  const outbound = { gateway, directory };
  built.set(parts, outbound);
  return outbound;
}
