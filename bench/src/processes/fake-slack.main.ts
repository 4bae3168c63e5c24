/**
 * The fake Slack Web API (test/src/fakes/fake-slack-api.ts) in a process of its own: the Muster server
 * calls it as SLACK_API_URL for room set-up after each declaration, and it must not share an event
 * loop with the load generator that times the server's answers.
 */
import { FakeSlackApi } from '@muster/test/fakes/fake-slack-api';
import { failStart, serveDriver } from './ipc';

export interface FakeSlackInfo {
  readonly url: string;
  readonly botToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly userId: string;
  readonly userName: string;
  /** People who talk in incident rooms (the ingestion suite's message authors). */
  readonly speakerIds: readonly string[];
  readonly generalChannelId: string;
  readonly announcementsChannelId: string;
  readonly responseUrl: string;
}

const USER = { id: 'U0BENCH', name: 'bench-responder' };
const SPEAKERS = Array.from({ length: 8 }, (_, i) => ({ id: `U0SPEAK${i}`, name: `speaker-${i}` }));

async function main(): Promise<void> {
  const slack = await FakeSlackApi.start();
  for (const user of [USER, ...SPEAKERS]) slack.addUser({ id: user.id, name: user.name, displayName: user.name });
  const generalChannelId = slack.addChannel({ name: 'general', members: [USER.id] });
  const announcementsChannelId = slack.addChannel({ name: 'announcements' });
  const info: FakeSlackInfo = {
    url: slack.url, botToken: slack.botToken, teamId: slack.teamId, botUserId: slack.botUserId,
    userId: USER.id, userName: USER.name, speakerIds: SPEAKERS.map((s) => s.id), generalChannelId, announcementsChannelId,
    responseUrl: slack.responseUrl({ channel: generalChannelId, user: USER.id }),
  };
  serveDriver({ ...info }, {
    /** Web API calls received, by method: what the outbox did on Slack's side. */
    calls: () => {
      const byMethod: Record<string, number> = {};
      for (const call of slack.calls()) byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
      return byMethod;
    },
  }, () => slack.close());
}

main().catch(failStart);
