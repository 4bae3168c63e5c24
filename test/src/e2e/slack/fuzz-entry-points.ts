/**
 * The Slack entry points the edge fuzz drives, each as a valid payload (built like Slack's) and the
 * fields Muster's edge types, so every mutation in fuzz-mutations.ts makes the payload unusable:
 * a required field dropped, or any typed field given a value of the wrong type or size.
 */
import type { FakeMessage } from '../../fakes/fake-slack-api';
import { ANA, BOB, type SlackE2E } from './harness';
import { blockActions, commandFields, eventEnvelope, globalShortcut, messageEvent, messageShortcut, type SlackChannel } from './slack-payloads';
import { newEventId, newTriggerId } from './slack-sender';

/** What a field holds: ids and timestamps have formats, text and labels have lengths. */
export type FieldKind = 'id' | 'ts' | 'text' | 'label' | 'url' | 'object' | 'array';

export interface FieldSpec {
  readonly path: readonly (string | number)[];
  readonly kind: FieldKind;
  /** Dropping it makes the payload unusable. */
  readonly required?: boolean;
  /** Slack sends null here, so null is not a wrong value. */
  readonly nullable?: boolean;
}

export type Encoding = 'command' | 'interaction' | 'event';

export interface EntryPoint {
  readonly name: string;
  readonly encoding: Encoding;
  build(): Record<string, unknown>;
  readonly fields: readonly FieldSpec[];
}

const f = (path: string, kind: FieldKind, options: { required?: boolean; nullable?: boolean } = {}): FieldSpec =>
  ({ path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), kind, ...options });
const req = (path: string, kind: FieldKind) => f(path, kind, { required: true });

export interface FuzzTargets {
  readonly room: SlackChannel;
  /** A stored message in the incident room that no valid payload in the fuzz touches. */
  readonly message: FakeMessage;
  /** A posted Muster message with buttons (the incident card). */
  readonly card: FakeMessage;
  /** The declare modal as Muster opened it. */
  readonly view: Record<string, unknown>;
}

const envelopeFields = [req('type', 'label'), req('team_id', 'id'), req('event_id', 'label'), f('authorizations', 'array'), req('event', 'object'), req('event.type', 'label')];
const messageFields = (prefix: string) => [
  f(`${prefix}ts`, 'ts'), f(`${prefix}user`, 'id'), f(`${prefix}text`, 'text'), f(`${prefix}subtype`, 'label'), f(`${prefix}thread_ts`, 'ts'), f(`${prefix}files`, 'array'),
];

export function entryPoints(e2e: SlackE2E, t: FuzzTargets): EntryPoint[] {
  const team = e2e.teamId;
  const event = (body: Record<string, unknown>) => eventEnvelope(team, e2e.slack.botUserId, body, newEventId());
  const at = (n: number) => `${(Number(t.message.ts) + n).toFixed(6)}`;
  const file = { id: 'F0FUZZ', name: 'graph.png', title: 'graph', permalink: 'https://fake.slack.com/files/U0BOB/F0FUZZ/graph.png' };
  return [
    {
      name: 'slash command', encoding: 'command',
      build: () => commandFields(team, ANA, t.room, 'note fuzzed note', e2e.slack.responseUrl({ channel: t.room.id, user: ANA.id })),
      fields: [req('command', 'label'), req('team_id', 'id'), req('user_id', 'id'), req('channel_id', 'id'), req('response_url', 'url'), f('text', 'text'), f('trigger_id', 'label'), f('user_name', 'label')],
    },
    {
      name: 'block_actions', encoding: 'interaction',
      build: () => blockActions(team, ANA, t.room, t.card, 'incident.ack', e2e.slack.responseUrl({ channel: t.room.id, user: ANA.id, messageTs: t.card.ts })),
      fields: [req('type', 'label'), req('user', 'object'), req('user.id', 'id'), req('trigger_id', 'label'), req('actions', 'array'), req('actions.0', 'object'),
        req('actions.0.action_id', 'label'), req('actions.0.type', 'label'), f('actions.0.value', 'text'), f('team', 'object', { nullable: true }), f('channel', 'object'), f('channel.id', 'id', { required: true }), f('response_url', 'url')],
    },
    {
      name: 'view_submission', encoding: 'interaction',
      build: () => ({ type: 'view_submission', team: { id: team, domain: 'fake' }, user: { id: ANA.id, username: ANA.name, name: ANA.name, team_id: team }, api_app_id: 'A0MUSTER', trigger_id: newTriggerId(), view: { ...t.view, state: { values: {} } } }),
      fields: [req('type', 'label'), req('user', 'object'), req('user.id', 'id'), req('view', 'object'), req('view.id', 'label'), req('view.callback_id', 'label'), req('view.state', 'object'), req('view.state.values', 'object'), f('view.private_metadata', 'text'), f('team', 'object', { nullable: true })],
    },
    {
      name: 'global shortcut', encoding: 'interaction',
      build: () => globalShortcut(team, ANA, 'incident.declare'),
      fields: [req('type', 'label'), req('callback_id', 'label'), req('user', 'object'), req('user.id', 'id'), req('trigger_id', 'label'), f('team', 'object', { nullable: true })],
    },
    {
      name: 'message shortcut', encoding: 'interaction',
      build: () => messageShortcut(team, BOB, t.room, t.message, 'timeline.add_message', e2e.slack.responseUrl({ channel: t.room.id, user: BOB.id })),
      fields: [req('type', 'label'), req('callback_id', 'label'), req('user', 'object'), req('user.id', 'id'), req('trigger_id', 'label'), req('channel', 'object'), req('channel.id', 'id'),
        req('message_ts', 'ts'), req('message', 'object'), req('response_url', 'url'), ...messageFields('message.')],
    },
    {
      name: 'message', encoding: 'event',
      build: () => event(messageEvent(t.room.id, { ...t.message, ts: at(1), text: 'fuzzed message' })),
      fields: [...envelopeFields, req('event.channel', 'id'), ...messageFields('event.')],
    },
    {
      name: 'thread reply', encoding: 'event',
      build: () => event(messageEvent(t.room.id, { ...t.message, ts: at(2), text: 'fuzzed reply', thread_ts: t.message.ts })),
      fields: [...envelopeFields, req('event.channel', 'id'), ...messageFields('event.')],
    },
    {
      name: 'file_share', encoding: 'event',
      build: () => event(messageEvent(t.room.id, { ...t.message, ts: at(3), text: 'fuzzed file' }, { subtype: 'file_share', files: [file] })),
      fields: [...envelopeFields, req('event.channel', 'id'), ...messageFields('event.'), req('event.files.0', 'object'), f('event.files.0.permalink', 'url'), f('event.files.0.name', 'text', { nullable: true })],
    },
    {
      name: 'message_changed', encoding: 'event',
      build: () => event({ type: 'message', subtype: 'message_changed', hidden: true, channel: t.room.id, ts: at(4), event_ts: at(4), message: { ...t.message, text: 'fuzzed edit', edited: { user: BOB.id, ts: at(4) } }, previous_message: t.message }),
      fields: [...envelopeFields, req('event.channel', 'id'), req('event.message', 'object'), ...messageFields('event.message.'), f('event.message.edited', 'object'), f('event.message.edited.ts', 'ts'), f('event.previous_message', 'object'), f('event.event_ts', 'ts')],
    },
    {
      name: 'message_deleted', encoding: 'event',
      build: () => event({ type: 'message', subtype: 'message_deleted', hidden: true, channel: t.room.id, ts: at(5), event_ts: at(5), deleted_ts: t.message.ts, previous_message: t.message }),
      fields: [...envelopeFields, req('event.channel', 'id'), req('event.deleted_ts', 'ts'), f('event.event_ts', 'ts'), f('event.previous_message', 'object')],
    },
    {
      name: 'reaction_added', encoding: 'event',
      build: () => event({ type: 'reaction_added', user: BOB.id, reaction: 'pushpin', item: { type: 'message', channel: t.room.id, ts: t.message.ts }, item_user: BOB.id, event_ts: at(6) }),
      fields: [...envelopeFields, req('event.user', 'id'), req('event.reaction', 'label'), req('event.item', 'object'), req('event.item.type', 'label'), f('event.item.channel', 'id'), f('event.item.ts', 'ts')],
    },
    {
      name: 'pin_added', encoding: 'event',
      build: () => event({ type: 'pin_added', user: BOB.id, channel_id: t.room.id, item: { type: 'message', channel: t.room.id, message: { ts: t.message.ts } }, event_ts: at(6) }),
      fields: [...envelopeFields, f('event.user', 'id'), f('event.channel_id', 'id'), req('event.item', 'object'), f('event.item.type', 'label'), f('event.item.channel', 'id'), f('event.item.message', 'object'), f('event.item.message.ts', 'ts')],
    },
    {
      name: 'app_uninstalled', encoding: 'event',
      build: () => event({ type: 'app_uninstalled', event_ts: at(6) }),
      fields: envelopeFields,
    },
    {
      name: 'tokens_revoked', encoding: 'event',
      build: () => event({ type: 'tokens_revoked', tokens: { bot: [e2e.slack.botUserId] }, event_ts: at(6) }),
      fields: [...envelopeFields, req('event.tokens', 'object'), f('event.tokens.bot', 'array'), f('event.tokens.oauth', 'array')],
    },
    {
      name: 'url_verification', encoding: 'event',
      build: () => ({ token: 'deprecated-verification-token', challenge: 'fuzz-challenge', type: 'url_verification' }),
      fields: [req('challenge', 'label')],
    },
  ];
}
