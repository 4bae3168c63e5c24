/** The container binds the SlackIntegration under this token when Slack is on. */
export const SLACK_INTEGRATION = Symbol.for('SlackIntegration');
