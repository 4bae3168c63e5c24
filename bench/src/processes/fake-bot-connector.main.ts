/**
 * The fake Bot Connector (test/src/fakes/teams/fake-bot-connector.ts) in a process of its own, for
 * the Teams suite: the Muster server replies and opens rooms there (its host is TEAMS_TRUSTED_HOSTS,
 * it is the activities' serviceUrl), and it must not share an event loop with the load generator.
 * Anonymous, as the server is: no bot token is asked for or checked.
 */
import { FakeBotConnector } from '@muster/test/fakes/teams/fake-bot-connector';
import { FakeTeamsTenant } from '@muster/test/fakes/teams/fake-teams-tenant';
import { failStart, serveDriver } from './ipc';

export interface FakeBotConnectorInfo {
  readonly serviceUrl: string;
  /** `127.0.0.1:PORT`, for TEAMS_TRUSTED_HOSTS. */
  readonly host: string;
  readonly tenantId: string;
  readonly teamId: string;
  /** The channel incidents are declared in; their thread rooms open there. */
  readonly channelId: string;
  /** The responder who declares and asks `@Muster status` (AAD object id). */
  readonly responder: TeamsPersonInfo;
  /** People who talk in incident rooms (the captured messages' authors). */
  readonly speakers: readonly TeamsPersonInfo[];
}

export interface TeamsPersonInfo {
  readonly aadObjectId: string;
  readonly name: string;
}

const aad = (n: number) => `0b0b0b0b-0000-4000-8000-${String(n).padStart(12, '0')}`;
const RESPONDER: TeamsPersonInfo = { aadObjectId: aad(0), name: 'Bench Responder' };
const SPEAKERS: TeamsPersonInfo[] = Array.from({ length: 8 }, (_, i) => ({ aadObjectId: aad(i + 1), name: `Speaker ${i}` }));

async function main(): Promise<void> {
  const tenant = new FakeTeamsTenant();
  for (const person of [RESPONDER, ...SPEAKERS]) tenant.addUser({ id: person.aadObjectId, displayName: person.name });
  const channel = tenant.channelNamed('General');
  if (!channel) throw new Error('the fake tenant has no General channel');
  const connector = await FakeBotConnector.start(tenant, { anonymous: true });
  const info: FakeBotConnectorInfo = {
    serviceUrl: connector.serviceUrl, host: connector.host, tenantId: tenant.tenantId, teamId: tenant.teamId,
    channelId: channel.id, responder: RESPONDER, speakers: SPEAKERS,
  };
  serveDriver({ ...info }, {
    /**
     * A person's new top-level post in a channel, as Teams would hold it before delivering its
     * activity: Muster's in-turn reply to it (a reply in its thread) must find it, as on Teams.
     */
    personPosts: (args: unknown) => {
      const { channelId, from, text } = args as { channelId: string; from: string; text: string };
      return tenant.post(channelId, from, { type: 'message', text }).id;
    },
    /** Bot Connector calls received, by operation: what Muster said on Teams' side. */
    calls: () => {
      const byOperation: Record<string, number> = {};
      for (const call of connector.calls()) byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
      return byOperation;
    },
  }, () => connector.close());
}

main().catch(failStart);
