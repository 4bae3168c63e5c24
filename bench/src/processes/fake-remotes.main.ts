/**
 * Every remote a declaration's set-up calls, as the test suites' fakes, in one process of its own and
 * each call answered `delayMs` late: the Slack Web API (test/src/fakes/fake-slack-api.ts) and the
 * PagerDuty, Jira and Zoom fakes the plugins ship. Each answered call is logged with the time its answer
 * left, so the driver sees from outside Muster when a room is fully set up.
 */
import { FakeSlackApi } from '@muster/test/fakes/fake-slack-api';
import { FakeJira, startPagerDutyFake, ZoomFake, type FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/test/fakes/vendor-fakes';
import { childSettings, failStart, serveDriver } from './ipc';

export interface FakeRemotesSettings {
  /** Every call (Slack's Web API, the vendors' REST) is answered this much later. */
  readonly delayMs: number;
}

/** One answered call: which remote, what (`chat.postMessage`, `POST /incidents`), when its answer went (epoch ms). */
export interface RemoteCall {
  readonly remote: 'slack' | 'pagerduty' | 'jira' | 'zoom';
  readonly call: string;
  readonly at: number;
}

/** One incident channel as Slack holds it after set-up. */
export interface RoomAudit {
  readonly name: string;
  readonly topic: boolean;
  readonly pins: number;
  readonly bookmarks: number;
  readonly oncallInvited: boolean;
  /** Whether the pinned card, as last drawn, links the Jira ticket, the Zoom bridge and the PagerDuty page. */
  readonly cardLinks: { readonly ticket: boolean; readonly bridge: boolean; readonly page: boolean };
}

export const ONCALL = { id: 'U0DANA', name: 'dana', email: 'dana@example.com', fullName: 'Dana Ortiz' };

export interface FakeRemotesInfo {
  readonly slack: { readonly url: string; readonly botToken: string; readonly teamId: string; readonly botUserId: string; readonly userId: string; readonly userName: string; readonly generalChannelId: string; readonly announcementsChannelId: string; readonly responseUrl: string };
  readonly pagerduty: { readonly url: string; readonly apiToken: string; readonly serviceId: string };
  readonly jira: { readonly url: string; readonly email: string; readonly apiToken: string; readonly project: string };
  readonly zoom: { readonly apiUrl: string; readonly oauthUrl: string; readonly accountId: string; readonly clientId: string; readonly clientSecret: string };
}

const USER = { id: 'U0BENCH', name: 'bench-responder' };
const PD = { apiToken: 'pd-bench-api-token-3f9a1c', serviceId: 'PCHECK1' };
const JIRA = { email: 'muster-bot@example.com', apiToken: 'jira-bench-token-c0de77', project: 'OPS' };
const ZOOM = { accountId: 'zoom-bench-account', clientId: 'zoom-bench-client', clientSecret: 'zoom-bench-secret-6a1f' };

type Route = (request: RecordedRequest) => RemoteAnswer | Promise<RemoteAnswer>;

/**
 * The SDK's FakeRemote has no latency setting: its `route` (what answers an unscripted request) is
 * wrapped on the instance to wait first and log the answer's time. Scripted answers are not used here.
 */
function delayed(fake: FakeRemote, remote: RemoteCall['remote'], delayMs: number, log: RemoteCall[]): void {
  const target = fake as unknown as { route: Route };
  const route = target.route.bind(fake);
  target.route = async (request) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const answer = await route(request);
    log.push({ remote, call: `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`, at: Date.now() });
    return answer;
  };
}

async function main(): Promise<void> {
  const { delayMs } = childSettings<FakeRemotesSettings>();
  const log: RemoteCall[] = [];
  const slack = await FakeSlackApi.start();
  slack.latencyMs = delayMs;
  // Told after the delay, just before the answer is written: the call's end as Muster sees it.
  slack.onCall = (method) => log.push({ remote: 'slack', call: method, at: Date.now() });
  for (const user of [USER]) slack.addUser({ id: user.id, name: user.name, displayName: user.name });
  slack.addUser({ id: ONCALL.id, name: ONCALL.name, displayName: ONCALL.fullName, email: ONCALL.email });
  const generalChannelId = slack.addChannel({ name: 'general', members: [USER.id] });
  const announcementsChannelId = slack.addChannel({ name: 'announcements' });

  const pd = await startPagerDutyFake({ apiToken: PD.apiToken });
  pd.addService(PD.serviceId, { escalationPolicy: 'PESC001', oncall: [{ name: ONCALL.fullName, email: ONCALL.email }] });
  const jira = await FakeJira.start({ email: JIRA.email, apiToken: JIRA.apiToken, projects: [JIRA.project] });
  const zoom = await new ZoomFake(ZOOM).start();
  delayed(pd, 'pagerduty', delayMs, log);
  delayed(jira, 'jira', delayMs, log);
  delayed(zoom, 'zoom', delayMs, log);

  const info: FakeRemotesInfo = {
    slack: {
      url: slack.url, botToken: slack.botToken, teamId: slack.teamId, botUserId: slack.botUserId, userId: USER.id, userName: USER.name,
      generalChannelId, announcementsChannelId, responseUrl: slack.responseUrl({ channel: generalChannelId, user: USER.id }),
    },
    pagerduty: { url: pd.url, ...PD },
    jira: { url: jira.url, ...JIRA },
    zoom: { apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl, ...ZOOM },
  };
  serveDriver({ ...info }, {
    /** The calls answered at or after `since` (epoch ms). */
    callsSince: (since: unknown) => log.filter((c) => c.at >= Number(since)),
    now: () => Date.now(),
    /** What Slack holds of every incident channel whose name contains `tag`: the audit of a burst's set-up. */
    rooms: (tag: unknown) => slack.allChannels().filter((c) => c.name.startsWith('inc-') && c.name.includes(String(tag))).map((c): RoomAudit => {
      const card = slack.messagesIn(c.id).find((m) => c.pins.includes(m.ts));
      const drawn = card ? JSON.stringify(card.blocks ?? card.text) : '';
      return {
        name: c.name, topic: c.topic !== '', pins: c.pins.length, bookmarks: c.bookmarks.length, oncallInvited: c.members.has(ONCALL.id),
        cardLinks: { ticket: /OPS-\d+/.test(drawn), bridge: /zoom/i.test(drawn), page: /PagerDuty/.test(drawn) },
      };
    }),
  }, async () => {
    await Promise.all([slack.close(), pd.stop(), jira.stop(), zoom.stop()]);
  });
}

main().catch(failStart);
