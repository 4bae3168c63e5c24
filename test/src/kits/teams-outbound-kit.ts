/**
 * Sets up the Teams gateway against the fake Bot Connector and fake Graph for integration suites:
 * the real BotConnectorClient, GraphClient, token source, card renderer (`renderCard`) and
 * TeamsChatGateway, pointed at 127.0.0.1, keeping conversation references in the real store (a
 * migrated SQLite file of the rig's own).
 */
import { join } from 'node:path';
import type { Logger } from '@muster/core';
import { createStore, type Store } from '@muster/store';
import {
  BotConnectorClient, ClientCredentialsGraphToken, ConversationPacer, GraphClient, graphScopeFor, renderCard, TeamsChatGateway,
  type TeamsRoomSettings, TrustedServiceHosts,
} from '@muster/teams';
import { FakeBotConnector } from '../fakes/teams/fake-bot-connector';
import { FakeGraph } from '../fakes/teams/fake-graph';
import { FakeTeamsTenant } from '../fakes/teams/fake-teams-tenant';
import { removeDir, tempDir } from '../integration/server-support';

export { shownText } from './card-text';

export interface LogLine { level: string; msg: string; fields?: Record<string, unknown> }

export function memoryLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TeamsRig {
  readonly tenant: FakeTeamsTenant;
  readonly connector: FakeBotConnector;
  readonly graph: FakeGraph | undefined;
  readonly gateway: TeamsChatGateway;
  /** The store's conversation references (`store.conversations`), as production keeps them. */
  readonly conversations: Store['conversations'];
  readonly logs: LogLine[];
  /** Service URLs a bot token was asked for. */
  readonly tokenRequests: string[];
  /** The incidents channel threads open in. */
  readonly incidentsChannelId: string;
  close(): Promise<void>;
}

export interface RigOptions {
  readonly graph?: boolean;
  readonly rooms?: TeamsRoomSettings;
  readonly pacer?: ConversationPacer;
  readonly timeoutMs?: number;
  readonly tenant?: FakeTeamsTenant;
}

export const TEAMS_APP_CATALOG_ID = 'a1b2c3d4-0000-4000-8000-00000catalog';

export async function startTeamsRig(options: RigOptions = {}): Promise<TeamsRig> {
  const tenant = options.tenant ?? new FakeTeamsTenant();
  const incidents = tenant.addChannel('Incidents');
  const connector = await FakeBotConnector.start(tenant);
  const graph = options.graph ? await FakeGraph.start(tenant) : undefined;
  const logs: LogLine[] = [];
  const tokenRequests: string[] = [];
  const dir = tempDir('teams-rig');
  const store = await createStore(`sqlite:${join(dir, 'muster.db')}`);
  const conversations = store.conversations;
  const client = new BotConnectorClient({
    tokens: { token: async (serviceUrl) => { tokenRequests.push(serviceUrl); return connector.botToken; } },
    trustedHosts: new TrustedServiceHosts([connector.host]),
    ...(options.pacer ? { pacer: options.pacer } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const graphClient = graph
    ? new GraphClient({
      graphUrl: graph.graphUrl,
      tokens: new ClientCredentialsGraphToken({ loginUrl: graph.loginUrl, tenantId: tenant.tenantId, clientId: graph.clientId, clientSecret: graph.clientSecret, scope: graphScopeFor(graph.graphUrl) }),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    })
    : undefined;
  const gateway = new TeamsChatGateway({
    appId: tenant.appId, connector: client, conversations, renderCard, serviceUrl: connector.serviceUrl, logger: memoryLogger(logs),
    ...(graphClient ? { graph: graphClient } : {}),
    rooms: { incidentsChannelId: incidents.id, ...(graph ? { incidentsTeamId: tenant.teamId, teamsAppId: TEAMS_APP_CATALOG_ID } : {}), ...options.rooms },
  });
  return {
    tenant, connector, graph, gateway, conversations, logs, tokenRequests, incidentsChannelId: incidents.id,
    close: async () => {
      try {
        await connector.close();
        await graph?.close();
      } finally {
        await store.close();
        removeDir(dir);
      }
    },
  };
}
