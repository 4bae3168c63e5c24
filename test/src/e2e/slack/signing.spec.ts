import { expect } from 'chai';
import { SIGNING_SECRET, SlackE2E } from './harness';
import { commandFields } from './slack-payloads';
import { slackSignature } from './slack-sender';

describe('Slack e2e: request signing at POST /slack/events', function () {
  this.timeout(60_000);
  let e2e: SlackE2E;

  before(async () => {
    e2e = await SlackE2E.start();
  });
  after(() => e2e?.stop());

  const declare = () => new URLSearchParams(commandFields(e2e.teamId, { id: 'U0ANA', name: 'ana' }, e2e.general, 'declare "Forged"', e2e.slack.responseUrl({ channel: e2e.general.id, user: 'U0ANA' }))).toString();
  const form = 'application/x-www-form-urlencoded';

  it('answers 401 to a bad signature and stores nothing', async () => {
    const body = declare();
    const now = Math.floor(Date.now() / 1000);
    const answer = await e2e.sender.send(body, form, { signature: slackSignature('not-the-secret', now, body), timestamp: now });
    expect(answer.status).to.equal(401);
    expect(await e2e.store.repositories.incidents.list()).to.have.length(0);
  });

  it('answers 401 when the signature is missing, or signs a different body', async () => {
    expect((await e2e.sender.send(declare(), form, { signature: null })).status).to.equal(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await e2e.sender.send(declare(), form, { signature: slackSignature(SIGNING_SECRET, now, 'text=something+else'), timestamp: now })).status).to.equal(401);
  });

  it('answers 401 to a correctly signed request whose timestamp is more than five minutes old (a replay)', async () => {
    const answer = await e2e.sender.send(declare(), form, { timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 30 });
    expect(answer.status).to.equal(401);
  });

  it('answers 401 to a timestamp more than five minutes in the future', async () => {
    const answer = await e2e.sender.send(declare(), form, { timestamp: Math.floor(Date.now() / 1000) + 5 * 60 + 30 });
    expect(answer.status).to.equal(401);
    expect(await e2e.store.repositories.incidents.list()).to.have.length(0);
  });

  it('answers 401 to a correctly signed request stamped in milliseconds or with a fraction, and runs nothing', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    for (const timestamp of [Date.now(), seconds + 0.5, seconds - 0.25]) {
      const answer = await e2e.sender.send(declare(), form, { timestamp });
      expect(answer.status, String(timestamp)).to.equal(401);
    }
    expect(await e2e.store.repositories.incidents.list()).to.have.length(0);
    expect(e2e.slack.calls('conversations.create')).to.have.length(0);
  });

  it('answers Slack\'s url_verification with the challenge', async () => {
    const answer = await e2e.sender.send(JSON.stringify({ token: 'x', challenge: 'c5f1d7a9-muster', type: 'url_verification' }), 'application/json');
    expect(answer.status).to.equal(200);
    expect(answer.json).to.deep.equal({ challenge: 'c5f1d7a9-muster' });
  });

  it('accepts the same request correctly signed', async () => {
    const answer = await e2e.sender.send(declare(), form);
    expect(answer.status).to.equal(200);
    expect(String(answer.json?.text)).to.include('INC-1 declared');
  });
});
