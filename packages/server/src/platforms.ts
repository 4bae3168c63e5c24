/**
 * `@muster/server/platforms`: the Slack and Teams integrations themselves, for tests and tools that
 * build a platform around local fakes. Apart from the main entry because importing them loads Bolt
 * and the Agents SDK, which a server without those credentials never needs.
 */
export { SlackIntegration, slackIntegration } from './platforms/slack/slack-integration';
export { SealedSlackInstallationStore } from './platforms/slack/slack-installation-store';
export { createTeamsIntegration, teamsIntegration, TeamsIntegration, TEAMS_MESSAGES_PATH, type TeamsIntegrationDeps, type TeamsOutboundParts } from './platforms/teams/teams-integration';
export { teamsOutbound } from './platforms/teams/teams-outbound';
