/**
 * The floor for the Slack suites: a Bolt app (same @slack/bolt, same HTTPReceiver with the same
 * options as @muster/slack) that only acknowledges `/incident` and `message` events, on its own
 * node:http server on 127.0.0.1. Whatever Muster adds on top of this is Muster's cost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { childSettings, failStart, serveDriver } from './ipc';

export interface BareBoltSettings {
  readonly signingSecret: string;
  readonly botToken: string;
  readonly slackApiUrl: string;
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
  app.command('/incident', async ({ ack }) => {
    await ack();
  });
  app.event('message', async () => {
    // Acknowledged by returning: no storage, the floor for ingestion.
  });
  const server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  serveDriver({ url: `http://127.0.0.1:${port}/slack/events` }, { cpu: () => process.cpuUsage() }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

main().catch(failStart);
