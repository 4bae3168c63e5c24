import type { RequestListener } from 'node:http';
import { AfterAck, MusterError } from '@muster/core';
import { App, type Authorize, type HTTPReceiver, type Receiver } from '@slack/bolt';
import { SLACK_EVENTS_PATH, SLACK_OAUTH_REDIRECT_PATH } from '../manifest';
import { normaliseSlackApiUrl, slackLoggerFor, type SlackWebClient } from '../slack-web-client';
import type { SlackChatGateway } from '../slack-chat-gateway';
import type { SlackDirectory } from '../slack-directory';
import type { SlackModalsAndPeople } from '../modals-and-people';
import { registerBlockActions } from './block-actions.listener';
import { BotIdentity } from './bot-identity';
import { registerHighlightEvents } from './highlight-events.listener';
import { gateInbound } from './inbound-gate';
import { registerInstallationEvents } from './installation-events.listener';
import type { ListenerDeps, SlackCore } from './listener-deps';
import { type EventEnvelope, handleMessageEvent, registerMessageEvents } from './message-events.listener';
import { httpReceiver, type OAuthSettings, SLACK_INSTALL_PATH, socketModeReceiver } from './receivers';
import { ModalEnvelope } from './modal-envelope';
import { SlackReplies } from './reply-delivery';
import { rejectFutureTimestamps } from './request-guard';
import { registerShortcuts } from './shortcuts.listener';
import { registerSlashCommand } from './slash-command.listener';
import { SlackUrls } from '../outbound/slack-urls';
import { registerViewSubmissions } from './view-submission.listener';

export interface SlackBoltAppOptions {
  readonly signingSecret: string;
  /** One workspace with `SLACK_BOT_TOKEN`, or any number installed through OAuth. */
  readonly install: { readonly kind: 'single'; readonly botToken: string } | ({ readonly kind: 'oauth' } & OAuthSettings);
  /** `SLACK_APP_TOKEN`: Socket Mode instead of HTTP. */
  readonly appToken?: string;
  readonly slackApiUrl?: string;
  /** The same client, gateway and directory the container gives core, so caches and idempotency are shared. */
  readonly api: SlackWebClient;
  readonly webApi: SlackModalsAndPeople;
  readonly gateway: SlackChatGateway;
  readonly directory: SlackDirectory;
  /** Core's inbound port, and how this process is set up around it. */
  readonly core: SlackCore;
}

export interface SlackBoltApp {
  readonly transport: 'http' | 'socket';
  /** HTTP mode: the handler for every path in `paths`. */
  readonly requestListener?: RequestListener;
  readonly paths: { readonly events: string; readonly install?: string; readonly oauthRedirect?: string };
  /** Socket Mode connects here; HTTP mode has nothing to start (the server mounts the listener). */
  start(): Promise<void>;
  /** Disconnects Socket Mode and waits for follow-ups (modals, uploads, replies) still running. */
  stop(): Promise<void>;
  /** Resolves once every follow-up started so far has finished. */
  idle(): Promise<void>;
}

/**
 * Muster's Slack app on the real Bolt stack: the receiver, authorisation per workspace, and every
 * listener. Bolt's own WebClient (used by nothing of ours, but by Bolt itself) is configured like
 * ours: the configured API URL, no SDK retries and 429s rejected, so nothing it sends can double.
 */
export function createSlackBoltApp(options: SlackBoltAppOptions): SlackBoltApp {
  const { core, install } = options;
  const boltLogger = slackLoggerFor(core.logger);
  const oauth = install.kind === 'oauth' ? install : undefined;
  if (oauth && options.appToken) {
    throw new MusterError('configuration', 'Slack OAuth (SLACK_CLIENT_ID) works in HTTP mode only; unset SLACK_APP_TOKEN, or use SLACK_BOT_TOKEN with Socket Mode.');
  }
  const receiver: Receiver = options.appToken
    ? socketModeReceiver(options.appToken, { logger: core.logger, boltLogger, slackApiUrl: options.slackApiUrl })
    : httpReceiver({ signingSecret: options.signingSecret, slackApiUrl: options.slackApiUrl, oauth, logger: core.logger, boltLogger });
  // Single workspace: the token is known, no auth.test before the first answer (that would spend the 3 s).
  const authorize: Authorize<boolean> | undefined = install.kind === 'single' ? async () => ({ botToken: install.botToken }) : undefined;
  const app = new App({
    receiver,
    ...(authorize ? { authorize } : {}),
    logger: boltLogger,
    ignoreSelf: false,
    convoStore: false,
    clientOptions: { slackApiUrl: normaliseSlackApiUrl(options.slackApiUrl), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger },
  });
  // Our receiver's failure handler logs and answers; Bolt's default would log a second time.
  app.error(async (error) => { throw error; });

  const afterAck = new AfterAck(core.logger, 'Slack');
  const urls = new SlackUrls(options.slackApiUrl);
  // HTTP mode always has the signing secret, Socket Mode the app token: either is a key only this server holds.
  const envelope = new ModalEnvelope(options.signingSecret || options.appToken || '');
  const deps: ListenerDeps = {
    core,
    envelope,
    replies: new SlackReplies({ api: options.api, webApi: options.webApi, gateway: options.gateway, urls, afterAck, logger: core.logger, envelope }),
    directory: options.directory,
    identity: new BotIdentity(options.webApi),
    ...(oauth ? { installations: oauth.installations } : {}),
  };
  registerSlashCommand(app, deps);
  registerBlockActions(app, deps);
  registerViewSubmissions(app, deps);
  registerShortcuts(app, deps);
  registerMessageEvents(app, deps);
  registerHighlightEvents(app, deps);
  registerInstallationEvents(app, deps);

  const socket = !!options.appToken;
  // One workspace: Bolt's authorize is the constant token, so nothing Bolt does before the listener
  // can change the outcome and the edge captures messages itself. With OAuth, Bolt's authorize is the
  // check that the workspace is installed (401 otherwise); those events keep going through Bolt.
  const lean = install.kind === 'single'
    ? (envelope: Record<string, unknown>, event: unknown) => handleMessageEvent(deps, envelope as EventEnvelope, event)
    : undefined;
  const http = socket ? undefined : (receiver as HTTPReceiver);
  return {
    transport: socket ? 'socket' : 'http',
    ...(http ? { requestListener: rejectFutureTimestamps(gateInbound(http.requestListener, options.signingSecret, core.logger, lean)) } : {}),
    paths: { events: SLACK_EVENTS_PATH, ...(oauth && !socket ? { install: SLACK_INSTALL_PATH, oauthRedirect: SLACK_OAUTH_REDIRECT_PATH } : {}) },
    async start() {
      if (socket) await app.start();
    },
    async stop() {
      if (socket) await app.stop();
      await afterAck.idle();
    },
    idle: () => afterAck.idle(),
  };
}
