import { expect } from 'chai';
import { SlackUrls } from './slack-urls';

describe('SlackUrls', () => {
  const urls = new SlackUrls('http://127.0.0.1:4100/api/');

  it('accepts Slack\'s own https hosts and the configured API origin (a proxy, or a fake in tests)', () => {
    expect(urls.check('https://hooks.slack.com/commands/T1/2/abc', 'response_url').hostname).to.equal('hooks.slack.com');
    expect(urls.check('https://files.slack.com/upload/v1/xyz', 'upload URL').hostname).to.equal('files.slack.com');
    expect(urls.check('http://127.0.0.1:4100/respond/R1', 'response_url').port).to.equal('4100');
  });

  it('refuses anything else, so a payload cannot make Muster fetch an arbitrary address', () => {
    for (const bad of ['http://hooks.slack.com/x', 'https://slack.com.evil.example/x', 'https://169.254.169.254/latest', 'http://127.0.0.1:4101/x', 'not a url']) {
      expect(() => urls.check(bad, 'response_url'), bad).to.throw(/not recognise/);
    }
  });
});
