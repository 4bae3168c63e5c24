// @muster/teams: Microsoft Teams on the Microsoft 365 Agents SDK. See README.md.
export { createTeamsTransport, type TeamsTransport, type TeamsTransportOptions } from './transport/teams-transport';
export { ActivityRouter, type ActivityRouterOptions } from './transport/activity-router';
export { DEFAULT_LOGIN_URL, type TeamsAuth } from './transport/teams-auth';
export { MsalBotTokenSource, BOT_CONNECTOR_SCOPE } from './transport/msal-token-source';
export { TeamsReplySurface, PRIVATE_ANSWER_NOTICE } from './transport/teams-reply-surface';
export type { TeamsTurn, CardAttachment, OutgoingMessage, InvokeAnswer } from './transport/teams-turn';
export type { TeamsCardKit, CardSubmission } from './transport/card-kit';
export { InterimCardKit } from './transport/interim-card-kit';
export { highlightReactionTypes } from './transport/highlight-reactions';
export { TEAMS_PREFIX } from './transport/teams-context';
export type { BotTokenSource } from './connector/token-source';
export { TrustedServiceHosts } from './connector/trusted-hosts';
export type { TeamsConversationKind, TeamsConversationReference, TeamsConversationStore } from './conversations';
