import { MusterError, type Logger } from '@muster/core';
import {
  createSlackBoltApp, redactTokens, SlackWebClient, SlackChatGateway, SlackDirectory, SlackInstallations, SlackModalsAndPeople,
  SLACK_OAUTH_REDIRECT_PATH, type SlackBoltApp,
} from '@muster/slack';
import type { Store } from '@muster/store';
import type { ServerConfig } from '../../config/server-config';
import { ConfigError } from '../../config/config-error';
import type { Router } from '../../http/router';
import type { SecretKey } from '../../runtime/secret-key';
import { AesGcmSecretBox } from '../../security/aes-gcm-secret-box';
import type { MountContext, PlatformFactory, PlatformHealth, PlatformIntegration } from '../platform-integration';
import { SealedSlackInstallationStore } from './slack-installation-store';
import { slackModeOf, type SlackMode } from './slack-mode';

/** Slack is on when its variables are set (slack-mode.ts says which combinations work). */
export const slackIntegration: PlatformFactory = (config, deps) => {
  // One token (SLACK_BOT_TOKEN) or, with OAuth, each workspace's token from the sealed installation store.
  const mode = slackModeOf(config);
  return mode.kind === 'off' ? undefined : new SlackIntegration(mode, config, deps.logger, deps.store, deps.secret);
};

/**
 * Everything Slack in this process: the Web API client, gateway and directory core uses (bound in the
 * container), and, once mounted, the Bolt app that hears Slack. One client, so the gateway's
 * idempotency memory and the directory's caches serve commands and the outbox alike.
 */
export class SlackIntegration implements PlatformIntegration {
  readonly platform = 'slack' as const;
  readonly api: SlackWebClient;
  readonly gateway: SlackChatGateway;
  readonly webApi: SlackModalsAndPeople;
  readonly directory: SlackDirectory;
  /** Multi-workspace mode only. */
  readonly installations?: SlackInstallations;
  private bolt?: SlackBoltApp;
  private connected = false;

  constructor(readonly mode: Exclude<SlackMode, { kind: 'off' }>, private readonly config: ServerConfig, private readonly logger: Logger, store: Store, secret: () => SecretKey) {
    if (mode.kind === 'oauth') {
      const key = secret().key;
      if (!key) throw new ConfigError(['MUSTER_SECRET_KEY is missing: Slack OAuth stores each workspace\'s bot token, sealed with this key (create one with: openssl rand -base64 32)']);
      this.installations = new SlackInstallations(new SealedSlackInstallationStore(store.installations, new AesGcmSecretBox(key, 'slack-installation')));
    }
    const token = mode.kind === 'oauth' ? (this.installations as SlackInstallations).tokenFor : mode.botToken;
    this.api = new SlackWebClient({ token, slackApiUrl: config.slack.apiUrl, logger });
    this.gateway = new SlackChatGateway(this.api);
    this.webApi = new SlackModalsAndPeople(this.api);
    this.directory = new SlackDirectory(this.webApi);
  }

  /** Whether Slack can reach this process (commands, events); `outbound` only posts. */
  get hears(): boolean {
    return this.mode.kind !== 'outbound';
  }

  /** Builds the Bolt app and, in HTTP mode, mounts it: POST /slack/events, and the OAuth pages. */
  mount(router: Router, context: MountContext): void {
    if (this.mode.kind === 'outbound') {
      this.logger.warn('SLACK_SIGNING_SECRET is not set: Muster posts to Slack (rooms, cards) but does not hear /incident, buttons or messages. Set it (or SLACK_APP_TOKEN for Socket Mode) to switch those on.');
      return;
    }
    if (this.bolt) return;
    const mode = this.mode;
    this.bolt = createSlackBoltApp({
      signingSecret: mode.signingSecret ?? '',
      install: mode.kind === 'single'
        ? { kind: 'single', botToken: mode.botToken }
        : {
          kind: 'oauth', clientId: mode.clientId, clientSecret: mode.clientSecret, stateSecret: mode.stateSecret,
          installations: this.installations as SlackInstallations,
          ...(this.config.publicUrl ? { redirectUri: `${this.config.publicUrl.replace(/\/+$/, '')}${SLACK_OAUTH_REDIRECT_PATH}` } : {}),
        },
      ...(mode.kind === 'single' && mode.appToken ? { appToken: mode.appToken } : {}),
      slackApiUrl: this.config.slack.apiUrl,
      api: this.api, webApi: this.webApi, gateway: this.gateway, directory: this.directory,
      core: { inbound: context.inbound, highlightReaction: context.settings.highlightReaction, logger: context.logger, onWorkQueued: context.onWorkQueued },
    });
    const listener = this.bolt.requestListener;
    if (!listener) return;
    const { paths } = this.bolt;
    router.mount('POST', paths.events, listener);
    if (paths.install) router.mount('GET', paths.install, listener);
    if (paths.oauthRedirect) router.mount('GET', paths.oauthRedirect, listener);
  }

  /** Socket Mode connects now (HTTP mode is already mounted). */
  async start(): Promise<void> {
    if (this.bolt?.transport !== 'socket') return;
    try {
      await this.bolt.start();
      this.connected = true;
    } catch (error) {
      // Slack's own message (e.g. invalid_auth) says what; this says which setting to look at.
      throw new MusterError('configuration', `Socket Mode could not connect to Slack (${redactTokens(error instanceof Error ? error.message : String(error))}): check SLACK_APP_TOKEN (xapp-…, with the connections:write scope) and SLACK_BOT_TOKEN.`, {}, { cause: error });
    }
  }

  async stop(): Promise<void> {
    this.connected = false;
    await this.bolt?.stop();
  }

  /** Resolves when every Slack follow-up started so far (modal, upload, form reply) has finished. */
  async idle(): Promise<void> {
    await this.bolt?.idle();
  }

  async health(): Promise<PlatformHealth> {
    if (this.bolt?.transport === 'socket' && !this.connected) return { ok: false, detail: 'Socket Mode is not connected to Slack' };
    return { ok: true };
  }
}
