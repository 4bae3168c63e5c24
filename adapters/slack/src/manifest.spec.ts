import { isMusterError } from '@muster/core';
import { expect } from 'chai';
import { SLACK_BOT_SCOPES, slackManifest } from './manifest';

const EXPECTED_SCOPES = [
  'commands', 'chat:write', 'chat:write.public', 'channels:manage', 'groups:write', 'channels:read', 'groups:read',
  'channels:history', 'groups:history', 'channels:join', 'pins:read', 'pins:write', 'bookmarks:write', 'reactions:read',
  'users:read', 'users:read.email', 'files:read', 'files:write', 'im:write', 'usergroups:read',
];

/**
 * The scope Slack documents for each bot event (api.slack.com/events/<name>, "Required scopes"); for
 * events that list alternatives, any one of them is enough. Events needing none say so with [].
 */
const REQUIRED_SCOPES_BY_EVENT: Record<string, readonly (readonly string[])[]> = {
  'message.channels': [['channels:history']],
  'message.groups': [['groups:history']],
  'message.im': [['im:history']],
  'message.mpim': [['mpim:history']],
  reaction_added: [['reactions:read']],
  reaction_removed: [['reactions:read']],
  pin_added: [['pins:read']],
  pin_removed: [['pins:read']],
  app_uninstalled: [],
  tokens_revoked: [],
  member_joined_channel: [['channels:read', 'groups:read']],
  member_left_channel: [['channels:read', 'groups:read']],
  channel_archive: [['channels:read']],
  channel_rename: [['channels:read']],
  file_shared: [['files:read']],
};

describe('slackManifest', () => {
  it('asks for the scope Slack requires for every event it subscribes to (else Slack refuses the manifest or never sends the event)', () => {
    const m = slackManifest({ socketMode: true });
    for (const event of m.settings.event_subscriptions.bot_events) {
      const required = REQUIRED_SCOPES_BY_EVENT[event];
      expect(required, `no documented scope for ${event}: add it to REQUIRED_SCOPES_BY_EVENT`).to.not.equal(undefined);
      for (const alternatives of required ?? []) {
        expect(alternatives.some((scope) => m.oauth_config.scopes.bot.includes(scope)), `${event} needs one of ${alternatives.join(', ')}`).to.equal(true);
      }
    }
  });

  it('points every request URL at /slack/events in HTTP mode', () => {
    const m = slackManifest({ publicUrl: 'https://muster.example.com/', socketMode: false });
    expect(m.settings.event_subscriptions.request_url).to.equal('https://muster.example.com/slack/events');
    expect(m.settings.interactivity).to.deep.equal({ is_enabled: true, request_url: 'https://muster.example.com/slack/events' });
    expect(m.features.slash_commands[0]).to.include({ command: '/incident', url: 'https://muster.example.com/slack/events' });
    expect(m.features.slash_commands[0]?.usage_hint).to.match(/^declare/);
    expect(m.oauth_config.redirect_urls).to.deep.equal(['https://muster.example.com/slack/oauth_redirect']);
    expect(m.settings.socket_mode_enabled).to.equal(false);
  });

  it('has no request URLs in Socket Mode', () => {
    const m = slackManifest({ socketMode: true });
    expect(m.settings.socket_mode_enabled).to.equal(true);
    expect(JSON.stringify(m)).not.to.include('request_url');
    expect(m.features.slash_commands[0]).not.to.have.property('url');
    expect(m.settings.interactivity.is_enabled).to.equal(true);
  });

  it('asks for exactly the bot scopes and events Muster uses', () => {
    const m = slackManifest({ publicUrl: 'https://m.example', socketMode: false });
    expect(m.oauth_config.scopes.bot).to.have.members(EXPECTED_SCOPES);
    expect(m.oauth_config.scopes.bot).to.have.length(SLACK_BOT_SCOPES.length);
    expect(m.settings.event_subscriptions.bot_events).to.have.members([
      'message.channels', 'message.groups', 'reaction_added', 'reaction_removed', 'pin_added', 'pin_removed',
      'app_uninstalled', 'tokens_revoked', 'member_joined_channel',
    ]);
  });

  it('offers the declare and timeline shortcuts and an always-online bot user', () => {
    const m = slackManifest({ publicUrl: 'https://m.example', socketMode: false, appName: 'Muster Staging' });
    expect(m.features.shortcuts).to.deep.include({ name: 'Declare incident', type: 'global', callback_id: 'incident.declare', description: 'Open the form to declare a new incident' });
    expect(m.features.shortcuts.map((s) => [s.type, s.callback_id])).to.deep.include(['message', 'timeline.add_message']);
    expect(m.features.bot_user).to.deep.equal({ display_name: 'Muster Staging', always_online: true });
    expect(m.display_information.name).to.equal('Muster Staging');
  });

  it('allows http only for localhost', () => {
    expect(slackManifest({ publicUrl: 'http://localhost:3000', socketMode: false }).settings.interactivity.request_url).to.equal('http://localhost:3000/slack/events');
    for (const bad of ['http://muster.example.com', 'ftp://x', 'muster.example.com', 'https://m.example/?a=1']) {
      try {
        slackManifest({ publicUrl: bad, socketMode: false });
        expect.fail(`accepted ${bad}`);
      } catch (error) {
        expect(isMusterError(error, 'configuration'), bad).to.equal(true);
        expect((error as Error).message).to.include('MUSTER_PUBLIC_URL');
      }
    }
  });

  it('needs a public URL in HTTP mode', () => {
    expect(() => slackManifest({ socketMode: false })).to.throw(/MUSTER_PUBLIC_URL/);
  });
});
