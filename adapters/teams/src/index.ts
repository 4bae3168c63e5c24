// @muster/teams: Microsoft Teams on the Microsoft 365 Agents SDK. See README.md.
export * from './cards';
export type { TeamsConversationKind, TeamsConversationReference, TeamsConversationStore } from './conversations';
export type { BotTokenSource } from './connector/token-source';
export { TrustedServiceHosts, TEAMS_SERVICE_HOSTS, BOT_FRAMEWORK_DOMAINS } from './connector/trusted-hosts';
export { BotConnectorClient, botAccount, type BotConnectorClientOptions } from './connector/bot-connector-client';
export { ConversationPacer, TEAMS_CONVERSATION_LIMITS, type PacerClock, type PacerOptions, type RateWindow } from './connector/conversation-pacer';
export { TeamsApiError, TeamsThrottledError, retryAfterMs } from './connector/teams-api-error';
export type * from './connector/activity';
export { GraphClient, type GraphClientOptions } from './graph/graph-client';
export { ClientCredentialsGraphToken, graphScopeFor, type GraphTokenSource, type ClientCredentialsOptions } from './graph/graph-token-source';
export { channelNameFrom, channelNameWithSuffix, MAX_CHANNEL_NAME } from './graph/channel-name';
export type { CardRenderer } from './gateway/card-message';
export { TeamsChatGateway, PUBLIC_CLOUD_SERVICE_URL, type TeamsChatGatewayOptions } from './teams-chat-gateway';
export type { TeamsRoomSettings, PublicRoomKind, PrivateRoomKind } from './rooms/room-kinds';
export { TeamsDirectory, type TeamsDirectoryOptions } from './teams-directory';
export * from './manifest';
