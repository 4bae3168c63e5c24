// @muster/teams: Microsoft Teams on the Microsoft 365 Agents SDK. See README.md.
export * from './cards';
export type { TeamsConversationKind, TeamsConversationReference, TeamsConversationStore } from './conversations';
