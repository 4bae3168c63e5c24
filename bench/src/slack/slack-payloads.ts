import { newTriggerId } from './slack-signing';

/** The workspace the fake Slack Web API and every payload agree on. */
export interface BenchWorkspace {
  readonly teamId: string;
  readonly botUserId: string;
  readonly userId: string;
  readonly userName: string;
  readonly channelId: string;
  readonly channelName: string;
  /** Where Muster's answers to a command may be posted (the fake's response_url endpoint). */
  readonly responseUrl: string;
}

const APP_ID = 'A0MUSTERBENCH';

/** `/incident <text>` as the form body Slack posts (only the fields Slack always sends). */
export function slashCommandBody(ws: BenchWorkspace, text: string): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token', team_id: ws.teamId, team_domain: 'bench', channel_id: ws.channelId, channel_name: ws.channelName,
    user_id: ws.userId, user_name: ws.userName, command: '/incident', text, api_app_id: APP_ID, is_enterprise_install: 'false',
    response_url: ws.responseUrl, trigger_id: newTriggerId(),
  }).toString();
}

export interface MessageEventFields {
  readonly channelId: string;
  readonly userId: string;
  readonly text: string;
  /** Slack message timestamp, `seconds.micros`, unique per message in a channel. */
  readonly ts: string;
  readonly eventId: string;
}

/** An Events API `message` callback (JSON), as Slack delivers a person's message in a channel. */
export function messageEventBody(ws: Pick<BenchWorkspace, 'teamId' | 'botUserId'>, m: MessageEventFields): string {
  return JSON.stringify({
    token: 'deprecated-verification-token', team_id: ws.teamId, api_app_id: APP_ID, type: 'event_callback',
    event: { type: 'message', channel: m.channelId, user: m.userId, text: m.text, ts: m.ts, event_ts: m.ts, channel_type: 'channel' },
    event_id: m.eventId, event_time: Math.floor(Number(m.ts)), event_context: `4-${m.eventId}`, is_ext_shared_channel: false,
    authorizations: [{ enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false }],
  });
}

export interface ButtonClickFields {
  readonly channelId: string;
  readonly userId: string;
  readonly userName: string;
  /** The card message's ts, the button's action_id and value (the incident's id on incident cards). */
  readonly messageTs: string;
  readonly actionId: string;
  readonly value: string;
}

/** A click on a button of a message, as the interactivity form body Slack posts (`payload=<json>`). */
export function blockActionsBody(ws: Pick<BenchWorkspace, 'teamId' | 'responseUrl'>, c: ButtonClickFields): string {
  const payload = {
    type: 'block_actions', user: { id: c.userId, username: c.userName, name: c.userName, team_id: ws.teamId }, api_app_id: APP_ID,
    token: 'deprecated-verification-token', container: { type: 'message', message_ts: c.messageTs, channel_id: c.channelId, is_ephemeral: false },
    trigger_id: newTriggerId(), team: { id: ws.teamId, domain: 'bench' }, enterprise: null, is_enterprise_install: false,
    channel: { id: c.channelId, name: `inc-${c.channelId.toLowerCase()}` }, response_url: ws.responseUrl,
    message: { type: 'message', ts: c.messageTs, text: 'incident card', user: 'U0MUSTERBOT' },
    actions: [{ action_id: c.actionId, block_id: 'card-actions', text: { type: 'plain_text', text: c.actionId }, value: c.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
