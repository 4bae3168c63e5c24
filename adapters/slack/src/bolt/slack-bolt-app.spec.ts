import { expect } from 'chai';
import type { Logger } from '@muster/core';
import { SlackWebClient } from '../slack-web-client';
import { SlackChatGateway } from '../slack-chat-gateway';
import { SlackDirectory } from '../slack-directory';
import { SlackModalsAndPeople } from '../modals-and-people';
import { SlackInstallations } from './installation-store';
import type { SlackCore } from './listener-deps';
import { createSlackBoltApp, type SlackBoltAppOptions } from './slack-bolt-app';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const unused = async (): Promise<never> => { throw new Error('not called in these specs'); };

function options(overrides: Partial<SlackBoltAppOptions>): SlackBoltAppOptions {
  const api = new SlackWebClient({ token: 'xoxb-test', slackApiUrl: 'http://127.0.0.1:9/api/' });
  const webApi = new SlackModalsAndPeople(api);
  const core: SlackCore = {
    inbound: { command: unused, action: unused, form: unused, captureMessage: unused, captureEdit: unused, captureDelete: unused, captureHighlight: unused, welcome: unused },
    highlightReaction: 'pushpin',
    logger: quiet,
  };
  return { signingSecret: 'secret', install: { kind: 'single', botToken: 'xoxb-test' }, api, webApi, gateway: new SlackChatGateway(api), directory: new SlackDirectory(webApi), core, ...overrides };
}

const installations = () => new SlackInstallations({ save: unused, find: async () => undefined, remove: unused });

describe('createSlackBoltApp', () => {
  it('serves HTTP at /slack/events for one workspace', () => {
    const app = createSlackBoltApp(options({}));
    expect(app.transport).to.equal('http');
    expect(app.requestListener).to.be.a('function');
    expect(app.paths).to.deep.equal({ events: '/slack/events' });
  });

  it('adds the install and OAuth redirect pages in multi-workspace mode', () => {
    const app = createSlackBoltApp(options({ install: { kind: 'oauth', clientId: '1.2', clientSecret: 'c', stateSecret: 's', installations: installations() } }));
    expect(app.paths).to.deep.equal({ events: '/slack/events', install: '/slack/install', oauthRedirect: '/slack/oauth_redirect' });
  });

  // Socket Mode needs a websocket to Slack, which tests cannot reach: only its set-up is checked here.
  it('uses Socket Mode with an app token, with nothing to mount', () => {
    const app = createSlackBoltApp(options({ appToken: 'xapp-1-test' }));
    expect(app.transport).to.equal('socket');
    expect(app.requestListener).to.equal(undefined);
  });

  it('refuses OAuth over Socket Mode with a message naming the variables', () => {
    expect(() => createSlackBoltApp(options({ appToken: 'xapp-1-test', install: { kind: 'oauth', clientId: '1.2', clientSecret: 'c', stateSecret: 's', installations: installations() } })))
      .to.throw(/SLACK_APP_TOKEN/);
  });
});
