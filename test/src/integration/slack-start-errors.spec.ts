import { expect } from 'chai';
import { removeDir, startInProcess, tempDir } from './server-support';

/** Half a Slack configuration must stop the start with a message naming what is missing, not start half-deaf. */
describe('server start with an incomplete Slack configuration', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = tempDir('slack-start'); });
  afterEach(() => removeDir(dir));

  async function startError(env: Record<string, string>): Promise<string> {
    try {
      const server = await startInProcess(dir, env);
      await server.stop();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the server started');
  }

  it('names SLACK_BOT_TOKEN when only the signing secret is set', async () => {
    expect(await startError({ SLACK_SIGNING_SECRET: 'abc' })).to.match(/^SLACK_BOT_TOKEN is missing/).and.include('SLACK_CLIENT_ID');
  });

  it('names the OAuth variables that are missing, and the signing secret', async () => {
    const message = await startError({ SLACK_CLIENT_ID: '1.2' });
    expect(message).to.include('SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing').and.include('SLACK_SIGNING_SECRET is missing');
  });

  it('refuses a bot token and OAuth together, and Socket Mode without a bot token', async () => {
    expect(await startError({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_STATE_SECRET: '3' })).to.include('not both');
    expect(await startError({ SLACK_APP_TOKEN: 'xapp-1' })).to.match(/^SLACK_BOT_TOKEN is missing: SLACK_APP_TOKEN is set/);
  });

  it('never repeats a secret in the message', async () => {
    expect(await startError({ SLACK_SIGNING_SECRET: 'very-secret-signing-value' })).to.not.include('very-secret-signing-value');
  });
});
