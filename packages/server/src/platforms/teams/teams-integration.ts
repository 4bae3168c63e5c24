import type { ChatGateway, DirectoryPort, Logger } from '@muster/core';
import {
  adaptiveCardKit, ActivityRouter, createTeamsTransport, FileUploader, MsalBotTokenSource, TrustedServiceHosts,
  type BotTokenSource, type TeamsAuth, type TeamsCardKit, type TeamsConversationStore, type TeamsFileOfferStore, type TeamsTransport,
} from '@muster/teams';
import type { ServerConfig } from '../../config/server-config';
import type { Router } from '../../http/router';
import type { MountContext, PlatformFactory, PlatformHealth, PlatformIntegration } from '../platform-integration';
import { teamsOutbound } from './teams-outbound';
import { teamsAuthOf } from './teams-auth-mode';

/** Where Teams is heard. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

/** What outbound Teams code (the Bot Connector gateway) is built from, shared with the transport. */
export interface TeamsOutboundParts {
  readonly auth: TeamsAuth;
  readonly tokenSource: BotTokenSource;
  readonly trustedHosts: TrustedServiceHosts;
  readonly conversations: TeamsConversationStore;
  readonly settings: ServerConfig['teams'];
  readonly logger: Logger;
}

export interface TeamsIntegrationDeps {
  readonly logger: Logger;
  /** The stored conversation references (the store's repository). */
  readonly conversations: TeamsConversationStore;
  /** Documents offered with file-consent cards until answered (the store's repository); default: this process's memory. */
  readonly fileOffers?: TeamsFileOfferStore;
  /** Builds core's ChatGateway for Teams over the same token source and trusted hosts (TeamsChatGateway). */
  readonly gateway: (parts: TeamsOutboundParts) => ChatGateway;
  readonly directory?: (parts: TeamsOutboundParts) => DirectoryPort;
  /** Default: MSAL client credentials for the app id. Tests against a local Entra fake bring their own (MSAL needs https). */
  readonly tokenSource?: BotTokenSource;
  /** Default: Adaptive Cards 1.5 from core's views (`adaptiveCardKit`); specs may bring another. */
  readonly cards?: TeamsCardKit;
}

/** The registry's factory: Teams on when MICROSOFT_APP_ID (or TEAMS_ANONYMOUS for a local Playground) is set. */
export const teamsIntegration: PlatformFactory = (config, deps) => createTeamsIntegration(config, {
  logger: deps.logger,
  conversations: deps.store.conversations,
  fileOffers: deps.store.teamsFileOffers,
  gateway: (parts) => teamsOutbound(parts).gateway,
  directory: (parts) => teamsOutbound(parts).directory,
});

/** Teams in the server, or undefined when neither an app id nor TEAMS_ANONYMOUS is set. */
export function createTeamsIntegration(config: ServerConfig, deps: TeamsIntegrationDeps): TeamsIntegration | undefined {
  const auth = teamsAuthOf(config);
  return auth ? new TeamsIntegration(config, auth, deps) : undefined;
}

/**
 * Everything Teams in this process: `POST /api/messages` through the transport (Agents SDK), the
 * activity router into core's inbound port, and the outbound gateway core posts through.
 */
export class TeamsIntegration implements PlatformIntegration {
  readonly platform = 'teams' as const;
  readonly gateway: ChatGateway;
  readonly directory?: DirectoryPort;
  readonly parts: TeamsOutboundParts;
  private transport?: TeamsTransport;

  constructor(config: ServerConfig, auth: TeamsAuth, private readonly deps: TeamsIntegrationDeps) {
    const trustedHosts = new TrustedServiceHosts(config.teams.trustedHosts);
    const tokenSource = deps.tokenSource ?? new MsalBotTokenSource(auth, trustedHosts);
    this.parts = { auth, tokenSource, trustedHosts, conversations: deps.conversations, settings: config.teams, logger: deps.logger };
    this.gateway = deps.gateway(this.parts);
    if (deps.directory) this.directory = deps.directory(this.parts);
  }

  mount(router: Router, context: MountContext): void {
    if (this.transport) return;
    if (this.parts.auth.kind === 'anonymous') {
      context.logger.warn('Teams is on WITHOUT authentication (TEAMS_ANONYMOUS=true): anyone who can reach /api/messages can act as any Teams user. Use this only with the Agents Playground on your own machine.');
    }
    const activities = new ActivityRouter({
      inbound: context.inbound, cards: this.deps.cards ?? adaptiveCardKit, conversations: this.deps.conversations,
      highlightReaction: context.settings.highlightReaction, logger: context.logger, onWorkQueued: context.onWorkQueued,
      uploader: new FileUploader({ configuredHosts: this.parts.trustedHosts }), fileOffers: this.deps.fileOffers,
    });
    const transport = createTeamsTransport({
      auth: this.parts.auth, trustedHosts: this.parts.trustedHosts, tokenSource: this.parts.tokenSource,
      onTurn: (turn) => activities.route(turn), logger: context.logger,
    });
    this.transport = transport;
    router.mount('POST', TEAMS_MESSAGES_PATH, (req, res) => transport.handle(req, res));
  }

  async start(): Promise<void> {
    // Teams calls us over HTTP; nothing connects out at start.
  }

  async stop(): Promise<void> {
    await this.idle();
  }

  async idle(): Promise<void> {
    await this.transport?.idle();
  }

  async health(): Promise<PlatformHealth> {
    return this.parts.auth.kind === 'anonymous'
      ? { ok: true, detail: 'Teams runs without authentication (TEAMS_ANONYMOUS=true): for local use only' }
      : { ok: true };
  }
}
