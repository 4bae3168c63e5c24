import { expect } from 'chai';
import { SlackE2E } from './harness';

const CLIENT = { SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'client-secret-for-tests', SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789' };

describe('Slack e2e: installing through OAuth (multi-workspace mode)', function () {
  this.timeout(60_000);
  let e2e: SlackE2E;
  let base: string;

  before(async () => {
    // No SLACK_BOT_TOKEN (empty counts as unset): every token comes from an installation.
    e2e = await SlackE2E.start({ env: { ...CLIENT, SLACK_BOT_TOKEN: '', MUSTER_SECRET_KEY: 'e2e-secret-key-0123456789abcdefghijklmnop' } });
    base = `http://127.0.0.1:${e2e.server.port}`;
  });
  after(() => e2e?.stop());

  it('refuses commands from a workspace that has not installed Muster', async () => {
    expect((await e2e.command('status')).status).to.equal(401);
  });

  /** What a workspace admin's browser does: /slack/install, Slack's consent screen, back to the redirect URL. */
  async function install(code: string): Promise<{ consent: URL; done: Response }> {
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).to.equal(302);
    const consent = new URL(start.headers.get('location') ?? '');
    const state = consent.searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    e2e.slack.addOAuthCode(code);
    const done = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    return { consent, done };
  }

  it('installs from /slack/install, stores the installation sealed, and then serves that workspace', async () => {
    const { consent, done } = await install('grant-1');
    expect(consent.origin + consent.pathname).to.equal('https://slack.com/oauth/v2/authorize');
    expect(consent.searchParams.get('client_id')).to.equal(CLIENT.SLACK_CLIENT_ID);
    expect(consent.searchParams.get('scope')).to.include('commands').and.include('chat:write');
    expect(done.status).to.equal(200);

    const stored = await e2e.store.installations.find('slack', e2e.teamId);
    expect(stored?.payload).to.match(/^v1\./);
    expect(stored?.payload).to.not.include('xoxb-');

    const declared = await e2e.command('declare "Installed through OAuth"');
    expect(declared.status).to.equal(200);
    await e2e.settle();
    expect((await e2e.roomOf(1)).name).to.equal('inc-1-installed-through-oauth');
  });

  it('stops using a workspace that uninstalled Muster', async () => {
    const answer = await e2e.event({ type: 'app_uninstalled' });
    expect(answer.status).to.equal(200);
    expect(await e2e.store.installations.find('slack', e2e.teamId)).to.equal(undefined);
    expect((await e2e.command('status')).status).to.equal(401);
  });

  it('refuses an OAuth callback whose state this server did not issue', async () => {
    e2e.slack.addOAuthCode('grant-2');
    const forged = await fetch(`${base}/slack/oauth_redirect?code=grant-2&state=forged`, { redirect: 'manual' });
    expect(forged.status).to.be.within(400, 599);
    expect(await e2e.store.installations.find('slack', e2e.teamId)).to.equal(undefined);
  });

  it('serves a reinstalled workspace again, and forgets it when its bot token is revoked (not a person\'s token)', async () => {
    expect((await install('grant-3')).done.status).to.equal(200);
    expect((await e2e.command('status')).status).to.equal(200);
    await e2e.event({ type: 'tokens_revoked', tokens: { oauth: ['U0ANA'], bot: [] } });
    expect(await e2e.store.installations.find('slack', e2e.teamId), 'a user token does not concern the bot').to.not.equal(undefined);
    await e2e.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: [e2e.slack.botUserId] } });
    expect(await e2e.store.installations.find('slack', e2e.teamId)).to.equal(undefined);
  });
});
