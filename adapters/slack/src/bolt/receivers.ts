import type { Logger as MusterLogger } from '@muster/core';
import { HTTPReceiver, type Receiver } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/web-api';
import { SLACK_BOT_SCOPES, SLACK_EVENTS_PATH, SLACK_OAUTH_REDIRECT_PATH } from '../manifest';
import { normaliseSlackApiUrl } from '../slack-web-client';
import { answerFailedDelivery } from './delivery-failures';
import type { SlackInstallations } from './installation-store';
import { StoreFirstSocketModeReceiver } from './store-first-socket-receiver';

export const SLACK_INSTALL_PATH = '/slack/install';

export interface OAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the OAuth `state` (and its cookie), so a callback can only finish an install this server began. */
  readonly stateSecret: string;
  readonly installations: SlackInstallations;
  /** `${MUSTER_PUBLIC_URL}/slack/oauth_redirect`; without it Slack uses the app's only configured redirect URL. */
  readonly redirectUri?: string;
}

export interface ReceiverSettings {
  readonly signingSecret: string;
  readonly slackApiUrl?: string;
  readonly oauth?: OAuthSettings;
  readonly logger: MusterLogger;
  readonly boltLogger: SlackLogger;
}

/**
 * The HTTP receiver for POST /slack/events (events, commands, interactivity and shortcuts share the URL,
 * as the manifest declares) and, with OAuth, GET /slack/install and /slack/oauth_redirect.
 * `processBeforeResponse`: the answer leaves when the listener returns, so an event is acknowledged only
 * once it is stored, and a storage failure can still become a 5xx.
 */
export function httpReceiver(settings: ReceiverSettings): HTTPReceiver {
  const { oauth } = settings;
  return new HTTPReceiver({
    signingSecret: settings.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: true,
    logger: settings.boltLogger,
    processEventErrorHandler: async ({ error, response }) => {
      answerFailedDelivery(error, response, settings.logger);
      // true: the request has its answer; Bolt must not also report it as never acknowledged.
      return true;
    },
    ...(oauth
      ? {
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        installationStore: oauth.installations,
        scopes: [...SLACK_BOT_SCOPES],
        ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
        installerOptions: {
          installPath: SLACK_INSTALL_PATH,
          redirectUriPath: SLACK_OAUTH_REDIRECT_PATH,
          // Straight to Slack's consent screen: the install page has nothing else to say.
          directInstall: true,
          clientOptions: { slackApiUrl: normaliseSlackApiUrl(settings.slackApiUrl) },
        },
      }
      : {}),
  });
}

/**
 * Socket Mode (`SLACK_APP_TOKEN`): Slack pushes over a websocket, nothing is reachable from outside.
 * Envelopes are acknowledged only once stored, as in HTTP mode (see StoreFirstSocketModeReceiver).
 * OAuth is HTTP mode only.
 */
export function socketModeReceiver(appToken: string, settings: Pick<ReceiverSettings, 'logger' | 'boltLogger' | 'slackApiUrl'>): Receiver {
  return new StoreFirstSocketModeReceiver({
    appToken,
    logger: settings.boltLogger,
    // Only the client options: without OAuth settings the receiver opens no HTTP server of its own.
    installerOptions: { clientOptions: { slackApiUrl: normaliseSlackApiUrl(settings.slackApiUrl) } },
  }, settings.logger);
}
