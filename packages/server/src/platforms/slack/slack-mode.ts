import type { ServerConfig } from '../../config/server-config';
import { ConfigError } from '../../config/config-error';

/**
 * How this process talks to Slack, decided once from the environment:
 * - `off`: no Slack variable set.
 * - `outbound`: SLACK_BOT_TOKEN alone. Muster posts (rooms, cards, invites) but hears nothing: no
 *   commands, no events. Kept for API/alert-driven setups; the start log says what is missing.
 * - `single`: one workspace, SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode).
 * - `oauth`: any number of workspaces installed through /slack/install (SLACK_CLIENT_ID,
 *   SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET); tokens live in the database, sealed.
 */
export type SlackMode =
  | { readonly kind: 'off' }
  | { readonly kind: 'outbound'; readonly botToken: string }
  | { readonly kind: 'single'; readonly botToken: string; readonly signingSecret?: string; readonly appToken?: string }
  | { readonly kind: 'oauth'; readonly signingSecret: string; readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string };

const OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** The mode, or a ConfigError naming each missing or conflicting variable and what to do. */
export function slackModeOf(config: ServerConfig): SlackMode {
  const s = config.slack;
  const oauthValues = { SLACK_CLIENT_ID: s.clientId, SLACK_CLIENT_SECRET: s.clientSecret, SLACK_STATE_SECRET: s.stateSecret };
  const oauthSet = OAUTH.filter((name) => oauthValues[name]);
  const problems: string[] = [];
  if (oauthSet.length > 0) {
    const missing = OAUTH.filter((name) => !oauthValues[name]);
    if (missing.length) problems.push(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together (from the app's Basic Information page; the state secret is any long random text)`);
    if (!s.signingSecret) problems.push('SLACK_SIGNING_SECRET is missing: copy it from the Slack app\'s Basic Information page');
    if (s.botToken) problems.push('SLACK_BOT_TOKEN is set together with the OAuth variables: use SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET to install in many, not both');
    if (s.appToken) problems.push('SLACK_APP_TOKEN (Socket Mode) cannot be combined with Slack OAuth in this release: unset SLACK_APP_TOKEN, or use SLACK_BOT_TOKEN');
  } else if (!s.botToken && (s.signingSecret || s.appToken)) {
    problems.push(`SLACK_BOT_TOKEN is missing: ${s.signingSecret ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN'} is set, but Muster also needs the bot token (xoxb-…, from the app's OAuth & Permissions page), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install through OAuth`);
  }
  if (problems.length) throw new ConfigError(problems);
  if (oauthSet.length > 0) {
    return { kind: 'oauth', signingSecret: s.signingSecret as string, clientId: s.clientId as string, clientSecret: s.clientSecret as string, stateSecret: s.stateSecret as string };
  }
  if (!s.botToken) return { kind: 'off' };
  if (!s.signingSecret && !s.appToken) return { kind: 'outbound', botToken: s.botToken };
  return { kind: 'single', botToken: s.botToken, ...(s.signingSecret ? { signingSecret: s.signingSecret } : {}), ...(s.appToken ? { appToken: s.appToken } : {}) };
}
