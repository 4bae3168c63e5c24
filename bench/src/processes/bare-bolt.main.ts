/**
 * The floor for the Slack suites: a Bolt app (same @slack/bolt, same HTTPReceiver with the same
 * options as @muster/slack) that only acknowledges `/incident`, `message` events and button clicks,
 * on its own node:http server on 127.0.0.1. Whatever Muster adds on top of this is Muster's cost.
 * With `durable` set it is the durable floor: each listener commits one row (the request's kind,
 * channel and text) before it returns, so the answer follows the commit as Muster's does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { openDurableRows, type DurableTarget } from './durable-rows';
import { childSettings, failStart, serveDriver } from './ipc';

export interface BareBoltSettings {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly slackApiUrl: string;
  /** Commit one row per request before acking (the durable floor); absent: ack only. */
  readonly durable?: DurableTarget;
}

async function main(): Promise<void> {
  const settings = childSettings<BareBoltSettings>();
  // As in adapters/slack/src/bolt/receivers.ts: answer when the listener returns.
  const receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: '/slack/events', processBeforeResponse: true, logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    // As Muster's single-workspace mode: the token is known, no auth.test per request.
    authorize: async () => ({ botToken: settings.botToken }),
    logLevel: LogLevel.ERROR,
    ignoreSelf: false,
    convoStore: false,
    clientOptions: { slackApiUrl: settings.slackApiUrl, retryConfig: { retries: 0 } },
  });
  const rows = settings.durable ? await openDurableRows(settings.durable) : undefined;
  // With processBeforeResponse the HTTP answer waits for the listener, so the commit precedes it.
  app.command('/incident', async ({ command, ack }) => {
    await rows?.insert('command', command.channel_id, command.text);
    await ack();
  });
  app.event('message', async ({ event }) => {
    // Acknowledged by returning: no storage unless durable, the floor for ingestion.
    if (rows) await rows.insert('message', event.channel, 'text' in event ? event.text ?? '' : '');
  });
  app.action({ type: 'block_actions' }, async ({ body, action, ack }) => {
    await ack();
    if (rows) await rows.insert('action', body.channel?.id ?? '', 'action_id' in action ? action.action_id : '');
  });
  const server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  serveDriver({ url: `http://127.0.0.1:${port}/slack/events` }, { cpu: () => process.cpuUsage(), rows: () => rows?.count() ?? 0 }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rows?.close();
  });
}

main().catch(failStart);
