/**
 * An alert source end to end: the real server with one bundled plugin enabled in muster.yaml (loaded
 * by its id alone, as `@muster/plugin-<id>`), Slack as the home workspace (the real Bolt receiver and
 * the fake Slack Web API), webhooks posted as the vendor sends them, and what a delivery left behind.
 */
import { postWebhook, type WebhookAnswer } from '../../integration/plugin-support';
import { SlackE2E } from '../slack/harness';
import type { AlertSourceCase, HeaderMap } from './alert-sources';

/** Slack's home workspace is the fake's: alert rooms open there. */
export const HOME = ['homePlatform: slack', 'homeWorkspaceId: {team}'];

export function startWithSource(source: AlertSourceCase): Promise<SlackE2E> {
  const entry = { enabled: true, ...(source.config && { config: source.config }) };
  return SlackE2E.start({ yaml: [...HOME, `plugins: ${JSON.stringify({ [source.id]: entry })}`], env: source.env });
}

/** POSTs `body` to /webhooks/<id> byte for byte as serialised, with the vendor's own credential unless `headers` says otherwise. */
export function deliver(e2e: SlackE2E, source: AlertSourceCase, body: unknown, delivery: string, headers?: HeaderMap): Promise<WebhookAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return postWebhook(e2e.server.url, source.id, { raw, headers: headers ?? source.sign(raw, delivery) });
}

/** Slack Web API methods that only read: everything else Muster calls changes what people see. */
const READS = /\.(info|list|history|replies|members|lookupByEmail)$|^auth\.test$/;

export interface Footprint {
  readonly rows: Record<string, number>;
  readonly slack: { readonly channels: number; readonly messages: number; readonly writes: number };
}

/**
 * Everything a webhook could have left, once the server has settled: rows of every table an alert
 * writes (incidents, groups, inbox, timeline, outbox, plugin storage) and, at the fake Slack, the
 * channels, the messages in them and every call that is not a read.
 */
export async function footprint(e2e: SlackE2E): Promise<Footprint> {
  await e2e.settle();
  const rows: Record<string, number> = {};
  for (const table of ['incidents', 'alert_groups', 'inbox', 'timeline_entries', 'outbox', 'plugin_storage']) {
    rows[table] = Number((await e2e.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  }
  const messages = e2e.slack.channelIds().reduce((sum, id) => sum + e2e.slack.messagesIn(id).length, 0);
  const writes = e2e.slack.calls().filter((c) => !READS.test(c.method)).length;
  return { rows, slack: { channels: e2e.slack.allChannels().length, messages, writes } };
}

/** Alert entries on an incident's timeline, oldest first. */
export async function alertEntries(e2e: SlackE2E, number: number): Promise<{ text: string; source: string; data: Readonly<Record<string, unknown>> }[]> {
  return (await e2e.timeline(number)).filter((e) => e.kind === 'alert');
}

/** The text of the card pinned in an incident's Slack channel, as it reads now. */
export async function pinnedCard(e2e: SlackE2E, number = 1): Promise<string | undefined> {
  const room = await e2e.roomOf(number);
  const [pin] = e2e.slack.channel(room.id)?.pins ?? [];
  return e2e.slack.messagesIn(room.id).find((m) => m.ts === pin)?.text;
}
