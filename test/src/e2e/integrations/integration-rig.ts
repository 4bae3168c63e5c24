/**
 * Issue 11's end-to-end set-up: the real server (Slack home workspace through the real Bolt receiver,
 * SQLite), the bundled plugins loaded by id from muster.yaml, and every remote they call as its fake
 * on 127.0.0.1 built from the vendor's documented wire format: a paging service (PagerDuty or
 * Opsgenie), Jira, a video bridge (Zoom, Google Meet or a Teams meeting) and Statuspage. The service
 * catalogue names `checkout` with what each integration calls it and a Markdown runbook beside muster.yaml.
 */
import { pagerDutyHeaders } from '@muster/plugin-pagerduty/fixtures';
import { startPagerDutyFake } from '@muster/plugin-pagerduty/fake';
import { startOpsgenieFake } from '@muster/plugin-opsgenie/fake';
import { FakeJira } from '@muster/plugin-jira/fake';
import { FakeStatuspage } from '@muster/plugin-statuspage/fake';
import { ZoomFake } from '@muster/plugin-zoom/fake';
import { MeetFake } from '@muster/plugin-google-meet/fake';
import { TeamsFake } from '@muster/plugin-teams-meeting/fake';
import { postWebhook, type WebhookAnswer } from '../../integration/plugin-support';
import { SlackE2E } from '../slack/harness';

/** The on-call engineer of checkout: known to the paging service and to Slack by the same email. */
export const DANA = { id: 'U0DANA', name: 'dana', email: 'dana@example.com', fullName: 'Dana Ortiz' };
export const RUNBOOK = ['# Checkout runbook', '', 'Check the payment gateway dashboard first.', '', '# Escalation', '', 'Not part of the first section.', ''].join('\n');
const AM_TOKEN = 'am-e2e-token-integrations-71c2';

/** A paging service as the e2e drives it: its muster.yaml entry, its secrets, and its fake's side. */
export interface PagingRig {
  readonly id: 'pagerduty' | 'opsgenie';
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly env: Record<string, string>;
  /** What the catalogue's `integrations` names checkout at this vendor. */
  readonly serviceRef: string;
  /** How the card names the paged on-call: the vendor's name for them (Opsgenie knows only the username, an email). */
  readonly pagedAs: string;
  /** The pages the vendor holds, as { key, open, acknowledged }. */
  pages(): { readonly key: string; readonly open: boolean; readonly acknowledged: boolean; readonly url?: string }[];
  /** The on-call acknowledges at the vendor, which posts its webhook to Muster. */
  acknowledge(e2e: SlackE2E, key: string): Promise<WebhookAnswer>;
  stop(): Promise<void>;
}

/** A video bridge: its entry, secrets, and the meetings its fake made. */
export interface BridgeRig {
  readonly id: 'zoom' | 'google-meet' | 'teams-meeting';
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly env: Record<string, string>;
  meetings(): { readonly joinUrl: string }[];
  stop(): Promise<void>;
}

export async function pagerDuty(): Promise<PagingRig> {
  const token = 'pd-e2e-api-token-3f9a1c';
  const secret = 'pd-e2e-webhook-secret-8b20d4';
  const pd = await startPagerDutyFake({ apiToken: token });
  pd.addService('PCHECK1', { escalationPolicy: 'PESC001', oncall: [{ name: DANA.fullName, email: DANA.email }] });
  let deliveries = 0;
  return {
    id: 'pagerduty', name: 'PagerDuty', serviceRef: 'PCHECK1', pagedAs: DANA.fullName,
    config: { apiUrl: pd.url, from: 'muster@example.com' },
    env: { MUSTER_PLUGIN_PAGERDUTY_API_TOKEN: token, MUSTER_PLUGIN_PAGERDUTY_WEBHOOK_SECRET: secret },
    pages: () => pd.incidents().map((i) => ({ key: i.incidentKey ?? '', open: i.status !== 'resolved', acknowledged: i.history.some((h) => h.status === 'acknowledged'), url: undefined })),
    acknowledge: async (e2e, key) => {
      const incident = pd.incidents().find((i) => i.incidentKey === key)!;
      const raw = JSON.stringify(pd.act(incident.id, 'acknowledged', DANA.email));
      return postWebhook(e2e.server.url, 'pagerduty', { raw, headers: pagerDutyHeaders(raw, secret, `e2e-ack-${++deliveries}`) });
    },
    stop: () => pd.stop(),
  };
}

export async function opsgenie(): Promise<PagingRig> {
  const key = 'og-e2e-api-key-55e0aa';
  const token = 'og-e2e-webhook-token-1d7c';
  const og = await startOpsgenieFake({ apiKey: key });
  og.addSchedule('checkout_oncall', [DANA.email]);
  return {
    id: 'opsgenie', name: 'Opsgenie', serviceRef: 'checkout_oncall', pagedAs: DANA.email,
    config: { apiUrl: og.url, pollIntervalMs: 50 },
    env: { MUSTER_PLUGIN_OPSGENIE_API_KEY: key, MUSTER_PLUGIN_OPSGENIE_TOKEN: token },
    pages: () => og.alerts().map((a) => ({ key: a.alias, open: a.status === 'open', acknowledged: a.acknowledged })),
    acknowledge: (e2e, alias) => postWebhook(e2e.server.url, 'opsgenie', {
      raw: JSON.stringify(og.act(alias, 'Acknowledge', DANA.email)), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    }),
    stop: () => og.stop(),
  };
}

export async function zoom(): Promise<BridgeRig> {
  const secrets = { accountId: 'zoom-e2e-account', clientId: 'zoom-e2e-client', clientSecret: 'zoom-e2e-secret-6a1f' };
  const fake = await new ZoomFake(secrets).start();
  return {
    id: 'zoom', name: 'Zoom', config: { apiUrl: fake.apiUrl, oauthUrl: fake.oauthUrl },
    env: { MUSTER_PLUGIN_ZOOM_ACCOUNT_ID: secrets.accountId, MUSTER_PLUGIN_ZOOM_CLIENT_ID: secrets.clientId, MUSTER_PLUGIN_ZOOM_CLIENT_SECRET: secrets.clientSecret },
    meetings: () => [...fake.meetings.values()].map((m) => ({ joinUrl: m.join_url })),
    stop: () => fake.stop(),
  };
}

export async function googleMeet(): Promise<BridgeRig> {
  const fake = await new MeetFake({ requireSubject: 'oncall-bridge@example.com' }).start();
  return {
    id: 'google-meet', name: 'Google Meet', config: { apiUrl: fake.apiUrl, tokenUrl: fake.tokenUrl, impersonate: 'oncall-bridge@example.com' },
    env: { MUSTER_PLUGIN_GOOGLE_MEET_SERVICE_ACCOUNT_KEY: fake.serviceAccountKey() },
    meetings: () => [...fake.spaces.values()].map((s) => ({ joinUrl: s.meetingUri })),
    stop: () => fake.stop(),
  };
}

export async function teamsMeeting(): Promise<BridgeRig> {
  const secrets = { clientId: 'teams-e2e-client', clientSecret: 'teams-e2e-secret-90b3' };
  const fake = await new TeamsFake(secrets).start();
  return {
    id: 'teams-meeting', name: 'Teams meeting', config: { graphUrl: fake.graphUrl, loginUrl: fake.url, tenantId: fake.tenantId, organizerId: fake.organizerId },
    env: { MUSTER_PLUGIN_TEAMS_MEETING_CLIENT_ID: secrets.clientId, MUSTER_PLUGIN_TEAMS_MEETING_CLIENT_SECRET: secrets.clientSecret },
    meetings: () => fake.meetings.map((m) => ({ joinUrl: m.joinWebUrl })),
    stop: () => fake.stop(),
  };
}

export interface IntegrationRig {
  readonly e2e: SlackE2E;
  readonly paging: PagingRig;
  readonly bridge: BridgeRig;
  readonly jira: FakeJira;
  readonly statuspage: FakeStatuspage;
  /** Every credential the plugins were given (what must never show anywhere). */
  readonly secrets: readonly string[];
  /** POSTs Alertmanager's documented firing (or resolved) notification for checkout, with its token. */
  alert(body: unknown): Promise<WebhookAnswer>;
  stop(): Promise<void>;
}

export async function startIntegrations(paging: PagingRig, bridge: BridgeRig): Promise<IntegrationRig> {
  const jiraCreds = { email: 'muster-bot@example.com', apiToken: 'jira-e2e-token-c0de77' };
  const jira = await FakeJira.start({ ...jiraCreds, projects: ['OPS'] });
  const statuspage = await FakeStatuspage.start({ apiKey: 'sp-e2e-key-4410', pageId: 'pg1checkout', components: { cmpcheckout1: 'Checkout' } });
  const plugins = {
    alertmanager: { enabled: true, config: { severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' } } } },
    [paging.id]: { enabled: true, config: paging.config },
    jira: { enabled: true, config: { apiUrl: jira.url, project: 'OPS' } },
    [bridge.id]: { enabled: true, config: bridge.config },
    statuspage: { enabled: true, config: { apiUrl: statuspage.apiUrl, pageId: 'pg1checkout' } },
    runbooks: { enabled: true },
  };
  const services = {
    checkout: {
      description: 'Takes the money',
      runbooks: ['https://wiki.example.com/checkout'],
      runbookFile: 'runbooks/checkout.md',
      integrations: { [paging.id]: paging.serviceRef, jira: 'OPS', statuspage: 'cmpcheckout1' },
    },
  };
  const env = {
    MUSTER_PLUGIN_ALERTMANAGER_TOKEN: AM_TOKEN, ...paging.env, ...bridge.env,
    MUSTER_PLUGIN_JIRA_EMAIL: jiraCreds.email, MUSTER_PLUGIN_JIRA_API_TOKEN: jiraCreds.apiToken, MUSTER_PLUGIN_STATUSPAGE_API_KEY: 'sp-e2e-key-4410',
  };
  const e2e = await SlackE2E.start({
    yaml: ['homePlatform: slack', 'homeWorkspaceId: {team}', `services: ${JSON.stringify(services)}`, `plugins: ${JSON.stringify(plugins)}`],
    files: { 'runbooks/checkout.md': RUNBOOK },
    env,
  });
  e2e.slack.addUser({ id: DANA.id, name: DANA.name, displayName: DANA.fullName, email: DANA.email });
  return {
    e2e, paging, bridge, jira, statuspage,
    // The Jira account's email is not a secret; a service account key is JSON: its private key is what matters.
    secrets: Object.entries(env).filter(([name]) => name !== 'MUSTER_PLUGIN_JIRA_EMAIL').flatMap(([, value]) => secretParts(value)),
    alert: (body) => postWebhook(e2e.server.url, 'alertmanager', { raw: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${AM_TOKEN}` } }),
    stop: async () => {
      await e2e.stop();
      await Promise.all([paging.stop(), bridge.stop(), jira.stop(), statuspage.stop()]);
    },
  };
}

/** A JSON key file's secret parts (private key lines), else the value itself. */
function secretParts(value: string): string[] {
  try {
    const key = JSON.parse(value) as { private_key?: string };
    return key.private_key ? key.private_key.split('\n').filter((line) => line.length > 40) : [value];
  } catch {
    return [value];
  }
}
