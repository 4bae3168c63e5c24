import { expect } from 'chai';
import { createMariaDbDatabase } from '../../integration/server-support';
import { SlackE2E } from './harness';

const CLIENT = { SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'client-secret-for-tests', SLACK_STATE_SECRET: 'state-secret-for-tests-0123456789' };
const KEY = { MUSTER_SECRET_KEY: 'e2e-secret-key-0123456789abcdefghijklmnop' };

/**
 * Slack's OAuth install across instances (issue 12): the browser starts on one instance and comes back
 * to another behind the load balancer. The state is a signed token plus a browser cookie (Bolt's
 * ClearStateStore), nothing in memory, so any instance with the same SLACK_STATE_SECRET finishes it;
 * the installation is in the shared database, so every instance serves the workspace at once.
 */
describe('Slack e2e: an OAuth install started on one instance and finished on another (MariaDB)', function () {
  this.timeout(60_000);
  let database: { name: string; drop(): Promise<void> };
  let a: SlackE2E, b: SlackE2E, stranger: SlackE2E;

  before(async () => {
    database = await createMariaDbDatabase();
    const databaseUrl = `mysql://root@127.0.0.1:3306/${database.name}`;
    a = await SlackE2E.start({ databaseUrl, env: { ...CLIENT, ...KEY, SLACK_BOT_TOKEN: '' } });
    b = await SlackE2E.start({ databaseUrl, env: { ...CLIENT, ...KEY, SLACK_BOT_TOKEN: '' } });
    // Same database, another state secret: a misconfigured instance.
    stranger = await SlackE2E.start({ databaseUrl, env: { ...CLIENT, ...KEY, SLACK_STATE_SECRET: 'another-state-secret-9876543210', SLACK_BOT_TOKEN: '' } });
  });
  after(async () => {
    for (const e2e of [a, b, stranger]) await e2e?.stop().catch(() => undefined);
    await database?.drop();
  });

  const begin = async (on: SlackE2E) => {
    const start = await fetch(`http://127.0.0.1:${on.server.port}/slack/install`, { redirect: 'manual' });
    expect(start.status).to.equal(302);
    return { state: new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '', cookie: (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  };
  const finish = (on: SlackE2E, code: string, flow: { state: string; cookie: string }) => {
    on.slack.addOAuthCode(code);
    return fetch(`http://127.0.0.1:${on.server.port}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(flow.state)}`, { headers: { cookie: flow.cookie }, redirect: 'manual' });
  };

  it('refuses the state on an instance with another SLACK_STATE_SECRET, and stores nothing', async () => {
    const refused = await finish(stranger, 'grant-stranger', await begin(a));
    expect(refused.status).to.be.within(400, 599);
    expect(await a.store.installations.find('slack', a.teamId)).to.equal(undefined);
  });

  it('finishes on B what began on A, and A serves the workspace at once', async () => {
    expect((await a.command('status')).status, 'not installed yet').to.equal(401);
    const done = await finish(b, 'grant-across', await begin(a));
    expect(done.status).to.equal(200);
    expect((await a.store.installations.find('slack', a.teamId))?.payload).to.match(/^v1\./);
    expect((await a.command('status')).status).to.equal(200);
    expect((await b.command('status')).status).to.equal(200);
  });
});
