import { expect } from 'chai';
import { checkInbound } from './inbound-check';

const envelope = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T0FAKE', event_id: 'Ev0001', api_app_id: 'A0MUSTER', event });
const message = { type: 'message', channel: 'C0001', user: 'U0BOB', text: 'Rolling back', ts: '1712345678.000200' };
const user = { id: 'U0ANA', username: 'ana', team_id: 'T0FAKE' };
const command = { command: '/incident', team_id: 'T0FAKE', user_id: 'U0ANA', channel_id: 'C0001', text: 'status', response_url: 'https://hooks.slack.com/commands/1', trigger_id: '1.2.abc' };
const view = { id: 'V0001', callback_id: 'incident.declare', private_metadata: '', state: { values: { title: { 'input.text': { type: 'plain_text_input', value: 'x' } } } } };

/** JSON.parse makes `__proto__` an own key, as it arrives from the wire. */
const parsed = (json: string) => JSON.parse(json) as unknown;

describe('checkInbound', () => {
  it('passes the payloads Muster listens to, as Slack sends them', () => {
    const valid: unknown[] = [
      command,
      envelope(message),
      envelope({ ...message, subtype: 'file_share', files: [{ name: 'a.png', title: null, permalink: 'https://x.slack.com/f' }] }),
      envelope({ type: 'message', subtype: 'message_changed', channel: 'C0001', message: { ...message, edited: { ts: '1712345679' } }, previous_message: message }),
      envelope({ type: 'message', subtype: 'message_deleted', channel: 'C0001', deleted_ts: '1712345678.000200' }),
      envelope({ type: 'reaction_added', user: 'U0BOB', reaction: 'pushpin', item: { type: 'message', channel: 'C0001', ts: '1712345678.000200' } }),
      envelope({ type: 'pin_added', user: 'U0BOB', channel_id: 'C0001', item: { type: 'message', message: { ts: '1712345678.000200' } } }),
      envelope({ type: 'app_uninstalled' }),
      envelope({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }),
      { type: 'block_actions', user, team: { id: 'T0FAKE' }, enterprise: null, trigger_id: '1.2.abc', actions: [{ type: 'button', action_id: 'incident.ack', value: '{}' }] },
      { type: 'view_submission', user, team: null, view: { ...view, team_id: 'T0FAKE' } },
      { type: 'shortcut', callback_id: 'incident.declare', user, team: { id: 'T0FAKE' }, trigger_id: '1.2.abc' },
      { type: 'message_action', callback_id: 'timeline.add_message', user, team: { id: 'T0FAKE' }, trigger_id: '1.2.abc', channel: { id: 'C0001' }, message_ts: message.ts, message, response_url: 'https://hooks.slack.com/actions/1' },
      { type: 'url_verification', challenge: 'abc' },
    ];
    for (const body of valid) expect(checkInbound(body).action, JSON.stringify(body)).to.equal('use');
  });

  it('answers 200-and-ignore to what once made Bolt or a listener throw (a 500 Slack retries forever)', () => {
    const unusable: unknown[] = [
      envelope({ ...message, subtype: 'file_share', files: 'flame.svg' }),
      envelope({ type: 'reaction_added', user: 'U0BOB', reaction: 5, item: { type: 'message', channel: 'C0001', ts: message.ts } }),
      { type: 'shortcut', callback_id: 'incident.declare', team: { id: 'T0FAKE' }, trigger_id: '1.2.abc' },
      { type: 'view_submission', user, team: { id: 'T0FAKE' }, view: null },
      envelope({ type: 'message', subtype: 'message_deleted', channel: 'C0001', deleted_ts: { ts: '1' } }),
      envelope({ type: 'message', subtype: 'message_deleted', channel: 'C0001' }),
      envelope({ ...message, channel: undefined }),
      envelope({ type: 'pin_added', item: 'message' }),
      envelope({ type: 'message', channel: { creator: null } }),
      { ...command, text: ['a', 'b'] },
      { ...command, user_id: 'U'.repeat(100) },
      { type: 'block_actions', user, team: { id: 'T0FAKE' }, trigger_id: '1.2.abc', actions: [] },
      { type: 'view_submission', user, team: { id: 'T0FAKE' }, view: { ...view, state: { values: parsed('{"__proto__":{"input.text":{"type":"plain_text_input","value":"x"}}}') } } },
      { ...envelope(message), event: 'message' },
      { ...envelope(message), type: 'app_rate_limited' },
      envelope({ type: 'subteam_created', subteam: null }),
      { type: 'view_closed', user, view },
      { command: '/other', team_id: 'T0FAKE' },
      {},
    ];
    for (const body of unusable) expect(checkInbound(body).action, JSON.stringify(body)).to.equal('ignore');
  });

  it('answers 400 to what is no payload at all, and to url_verification without a challenge', () => {
    for (const body of [null, 5, 'text', [], [command], { type: 'url_verification' }, { type: 'url_verification', challenge: {} }]) {
      expect(checkInbound(body).action, JSON.stringify(body)).to.equal('reject');
    }
  });

  it('says which fields failed but never what they held', () => {
    const secret = 'xoxb-secret-in-a-field';
    const verdict = checkInbound(envelope({ ...message, text: { secret }, files: secret }));
    expect(verdict.action).to.equal('ignore');
    expect(JSON.stringify(verdict)).to.include('files').and.not.include(secret);
  });
});
