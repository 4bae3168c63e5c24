/**
 * Payloads as Slack sends them (Events API envelopes, block_actions, view_submission, shortcuts),
 * built from Slack's documented shapes with only the fields Slack always includes.
 */
import type { FakeMessage } from '../../fakes/fake-slack-api';
import { newEventId, newTriggerId } from './slack-sender';

export interface SlackUser { readonly id: string; readonly name: string }
export interface SlackChannel { readonly id: string; readonly name: string }

const APP_ID = 'A0MUSTER';

export function commandFields(teamId: string, user: SlackUser, channel: SlackChannel, text: string, responseUrl: string): Record<string, string> {
  return {
    token: 'deprecated-verification-token', team_id: teamId, team_domain: 'fake', channel_id: channel.id, channel_name: channel.name,
    user_id: user.id, user_name: user.name, command: '/incident', text, api_app_id: APP_ID, is_enterprise_install: 'false',
    response_url: responseUrl, trigger_id: newTriggerId(),
  };
}

export function eventEnvelope(teamId: string, botUserId: string, event: Record<string, unknown>, eventId = newEventId()): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token', team_id: teamId, api_app_id: APP_ID, event, type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000), event_context: `4-${eventId}`, is_ext_shared_channel: false,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

export function messageEvent(channel: string, message: FakeMessage, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', channel, user: message.user, text: message.text, ts: message.ts, event_ts: message.ts, channel_type: 'channel', ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}), ...extra };
}

interface ButtonElement { type: string; action_id: string; value?: string; text?: unknown }

/** The button of `coreActionId` on a posted message (action ids may carry a `::2` suffix when repeated). */
export function findButton(message: FakeMessage, coreActionId: string): { blockId: string; button: ButtonElement } {
  for (const block of (message.blocks ?? []) as { type: string; block_id?: string; elements?: ButtonElement[] }[]) {
    const button = block.type === 'actions' ? block.elements?.find((e) => e.type === 'button' && e.action_id.split('::')[0] === coreActionId) : undefined;
    if (button) return { blockId: block.block_id ?? 'actions', button };
  }
  throw new Error(`No "${coreActionId}" button on the message "${message.text.slice(0, 80)}"`);
}

export function blockActions(teamId: string, user: SlackUser, channel: SlackChannel, message: FakeMessage, coreActionId: string, responseUrl: string): Record<string, unknown> {
  const { blockId, button } = findButton(message, coreActionId);
  return {
    type: 'block_actions', user: { id: user.id, username: user.name, name: user.name, team_id: teamId }, api_app_id: APP_ID,
    token: 'deprecated-verification-token', container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: newTriggerId(), team: { id: teamId, domain: 'fake' }, enterprise: null, is_enterprise_install: false,
    channel, message, response_url: responseUrl,
    actions: [{ action_id: button.action_id, block_id: blockId, text: button.text, value: button.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
}

export type Answer = string | string[] | boolean | undefined;

interface InputBlock { type: string; block_id?: string; element?: { type: string; action_id: string; options?: { value: string; text: unknown }[] } }

/** `view.state.values` as Slack builds it from what the person typed, picked and ticked. */
export function viewState(blocks: readonly unknown[], answers: Record<string, Answer>): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of blocks as InputBlock[]) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { type, action_id: actionId } = block.element;
    const answer = answers[block.block_id];
    let value: Record<string, unknown>;
    switch (type) {
      case 'static_select': {
        const option = block.element.options?.find((o) => o.value === answer);
        value = { type, selected_option: option ? { text: option.text, value: option.value } : null };
        break;
      }
      case 'checkboxes':
        value = { type, selected_options: answer === true ? [{ value: 'checked', text: { type: 'plain_text', text: 'yes' } }] : [] };
        break;
      case 'users_select':
        value = { type, selected_user: typeof answer === 'string' ? answer : null };
        break;
      default:
        value = { type, value: Array.isArray(answer) ? answer.join(', ') : typeof answer === 'string' ? answer : null };
    }
    values[block.block_id] = { [actionId]: value };
  }
  return values;
}

export function viewSubmission(teamId: string, user: SlackUser, view: Record<string, unknown>, answers: Record<string, Answer>): Record<string, unknown> {
  return {
    type: 'view_submission', team: { id: teamId, domain: 'fake' }, user: { id: user.id, username: user.name, name: user.name, team_id: teamId },
    api_app_id: APP_ID, token: 'deprecated-verification-token', trigger_id: newTriggerId(), is_enterprise_install: false, enterprise: null,
    view: { ...view, state: { values: viewState(view.blocks as unknown[], answers) } }, response_urls: [],
  };
}

export function globalShortcut(teamId: string, user: SlackUser, callbackId: string): Record<string, unknown> {
  return {
    type: 'shortcut', token: 'deprecated-verification-token', action_ts: `${Date.now() / 1000}`, team: { id: teamId, domain: 'fake' },
    user: { id: user.id, username: user.name, team_id: teamId }, is_enterprise_install: false, enterprise: null, callback_id: callbackId, trigger_id: newTriggerId(),
  };
}

export function messageShortcut(teamId: string, user: SlackUser, channel: SlackChannel, message: FakeMessage, callbackId: string, responseUrl: string): Record<string, unknown> {
  return {
    type: 'message_action', token: 'deprecated-verification-token', action_ts: `${Date.now() / 1000}`, team: { id: teamId, domain: 'fake' },
    user: { id: user.id, name: user.name, username: user.name, team_id: teamId }, channel, is_enterprise_install: false, enterprise: null,
    callback_id: callbackId, trigger_id: newTriggerId(), message_ts: message.ts, response_url: responseUrl, message,
  };
}
