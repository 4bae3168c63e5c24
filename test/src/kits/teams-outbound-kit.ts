/**
 * Sets up the Teams gateway against the fake Bot Connector and fake Graph for integration suites:
 * the real BotConnectorClient, GraphClient, token source and TeamsChatGateway, pointed at 127.0.0.1.
 *
 * Two stand-ins, until the branches that own them are merged: the card renderer (the cards helper's
 * `renderCard`) is a small View → Adaptive Card mapping, and the conversation store (the store's
 * repository) is a map with the same save/find contract.
 */
import { type Logger, type View, textOf } from '@muster/core';
import {
  BotConnectorClient, ClientCredentialsGraphToken, ConversationPacer, GraphClient, graphScopeFor, TeamsChatGateway,
  type TeamsConversationReference, type TeamsConversationStore, type TeamsRoomSettings, TrustedServiceHosts,
} from '@muster/teams';
import { FakeBotConnector } from '../fakes/teams/fake-bot-connector';
import { FakeGraph } from '../fakes/teams/fake-graph';
import { FakeTeamsTenant } from '../fakes/teams/fake-teams-tenant';

export class MemoryConversations implements TeamsConversationStore {
  readonly saved = new Map<string, TeamsConversationReference>();
  async save(reference: TeamsConversationReference): Promise<void> { this.saved.set(`${reference.workspaceId}|${reference.conversationId}`, reference); }
  async find(_platform: 'teams', workspaceId: string, conversationId: string): Promise<TeamsConversationReference | undefined> { return this.saved.get(`${workspaceId}|${conversationId}`); }
  async findByTeamChannel(_platform: 'teams', workspaceId: string, teamId: string, channelId: string): Promise<TeamsConversationReference | undefined> {
    return [...this.saved.values()].filter((r) => r.workspaceId === workspaceId && r.teamId === teamId && r.channelId === channelId).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0];
  }
  async findLatestInWorkspace(_platform: 'teams', workspaceId: string): Promise<TeamsConversationReference | undefined> {
    return [...this.saved.values()].filter((r) => r.workspaceId === workspaceId).sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0];
  }
}

export interface LogLine { level: string; msg: string; fields?: Record<string, unknown> }

export function memoryLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Stand-in for the cards helper's renderCard: enough structure for the fakes to store and show. */
export const stubRenderCard = (view: View): object => ({
  type: 'AdaptiveCard', version: '1.5',
  body: view.blocks.map((b) => (b.type === 'header' ? { type: 'TextBlock', text: b.text, weight: 'Bolder' } : b.type === 'text' ? { type: 'TextBlock', text: textOf(b.text), wrap: true } : { type: 'TextBlock', text: b.type })),
});

export interface TeamsRig {
  readonly tenant: FakeTeamsTenant;
  readonly connector: FakeBotConnector;
  readonly graph: FakeGraph | undefined;
  readonly gateway: TeamsChatGateway;
  readonly conversations: MemoryConversations;
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
  const conversations = new MemoryConversations();
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
    appId: tenant.appId, connector: client, conversations, renderCard: stubRenderCard, serviceUrl: connector.serviceUrl, logger: memoryLogger(logs),
    ...(graphClient ? { graph: graphClient } : {}),
    rooms: { incidentsChannelId: incidents.id, ...(graph ? { incidentsTeamId: tenant.teamId, teamsAppId: TEAMS_APP_CATALOG_ID } : {}), ...options.rooms },
  });
  return {
    tenant, connector, graph, gateway, conversations, logs, tokenRequests, incidentsChannelId: incidents.id,
    close: async () => { await connector.close(); await graph?.close(); },
  };
}

/** The card text a message shows (the stub renderer's TextBlocks, hidden ones left out). */
export function shownText(activity: Record<string, unknown>): string {
  const attachments = (activity.attachments ?? []) as { content?: { body?: { text?: string; isVisible?: boolean }[] } }[];
  return attachments.flatMap((a) => a.content?.body ?? []).filter((b) => b.isVisible !== false).map((b) => b.text ?? '').join('\n');
}

/** Waits for a condition the code under test reaches on its own (bounded, no fixed sleeps). */
export async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}
