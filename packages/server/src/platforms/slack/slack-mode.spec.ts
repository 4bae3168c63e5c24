import { expect } from 'chai';
import { loadConfig } from '../../config/load-config';
import { slackModeOf } from './slack-mode';

const modeFor = (env: Record<string, string>) => slackModeOf(loadConfig({ env: { MUSTER_DATABASE_URL: 'sqlite::memory:', ...env }, cwd: '/tmp', interactive: false, ignoreConfigFile: true }));

describe('slackModeOf', () => {
  it('is off without any Slack variable, and outbound-only with a bot token alone', () => {
    expect(modeFor({})).to.deep.equal({ kind: 'off' });
    expect(modeFor({ SLACK_BOT_TOKEN: 'xoxb-1' })).to.deep.equal({ kind: 'outbound', botToken: 'xoxb-1' });
  });

  it('hears one workspace with a bot token and the signing secret (HTTP) or an app token (Socket Mode)', () => {
    expect(modeFor({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).to.deep.equal({ kind: 'single', botToken: 'xoxb-1', signingSecret: 's' });
    expect(modeFor({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).to.deep.equal({ kind: 'single', botToken: 'xoxb-1', appToken: 'xapp-1' });
  });

  it('installs through OAuth with the three client variables and the signing secret', () => {
    expect(modeFor({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_STATE_SECRET: '3' }))
      .to.deep.equal({ kind: 'oauth', signingSecret: 's', clientId: '1', clientSecret: '2', stateSecret: '3' });
  });

  it('counts an empty variable as unset', () => {
    expect(modeFor({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ' })).to.deep.equal({ kind: 'off' });
  });

  it('names every missing variable at once', () => {
    expect(() => modeFor({ SLACK_STATE_SECRET: '3' })).to.throw(/SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are missing.*SLACK_SIGNING_SECRET is missing/);
  });
});
