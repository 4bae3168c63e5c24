import { expect } from 'chai';
import { call } from '../../integration/server-support';
import { ANA, BOB, CLEO, SlackE2E } from './harness';
import type { SlackChannel } from './slack-payloads';

/**
 * Issue 13's done-when for the public status page, through the real Slack stack: an external update
 * drafted in the incident room is absent from /status while it waits, and there as soon as the
 * Incident Commander's Approve click has been answered, before any outbox work has run.
 */
describe('Slack e2e: an external update approved in Slack is on /status at once, never before', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let statusUrl: string;
  let draftText: string;

  before(async () => {
    e2e = await SlackE2E.start({ yaml: ['services: { checkout: { public: true }, payments-db: {} }'] });
    statusUrl = `http://127.0.0.1:${e2e.server.port}`;
    await e2e.command('declare "Checkout errors <b>for EU cards</b>" --sev SEV1 --service checkout,payments-db');
    await e2e.settle();
    room = await e2e.roomOf(1);
    await e2e.say(room.id, BOB, 'Card payments in the EU fail with 502 since 09:40');
  });
  after(async () => { await e2e?.stop(); });

  it('keeps the draft off /status (page, JSON and feed) while it waits for approval', async () => {
    await e2e.command('update external', ANA, room);
    await e2e.settle();
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);
    expect(update?.state).to.equal('pending_approval');
    draftText = update!.body;
    expect(draftText.length).to.be.greaterThan(10);
    for (const path of ['/status', '/status.json', '/status/feed.atom']) {
      const answer = await call(`${statusUrl}${path}`);
      expect(answer.status).to.equal(200);
      expect(answer.text, path).to.not.include(draftText);
    }
    const json = (await call(`${statusUrl}/status.json`)).body;
    expect(json.active, 'an incident nobody announced is not on the page').to.have.length(0);
    expect(json.components).to.deep.equal([{ name: 'checkout', description: '', state: 'operational', stateLabel: 'Operational', incidentDays: [] }]);
  });

  it('keeps it off after a refused Approve from someone without the role', async () => {
    const [draft] = e2e.postsMentioning(room.id, 'External update for INC-1');
    await e2e.click(draft!, 'update.approve', CLEO, room);
    await e2e.settle();
    expect((await call(`${statusUrl}/status`)).text).to.not.include(draftText);
  });

  it('shows the approved text as soon as the Approve click is answered, with the component in a major outage', async () => {
    const [draft] = e2e.postsMentioning(room.id, 'External update for INC-1');
    expect((await e2e.click(draft!, 'update.approve', ANA, room)).status).to.equal(200);
    // No settle and no waiting: the approval committed before the ack, and /status reads the store.
    const [page, json, atom] = await Promise.all(['/status', '/status.json', '/status/feed.atom'].map((p) => call(`${statusUrl}${p}`)));
    const escapedForHtml = draftText.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    expect(page.text).to.include(escapedForHtml);
    expect(json.body.active).to.have.length(1);
    expect(json.body.active[0].updates.map((u: { body: string }) => u.body)).to.deep.equal([draftText]);
    expect(json.body.active[0]).to.include({ title: 'Service update: checkout', status: 'investigating', impact: 'major_outage' });
    expect(json.body.components[0]).to.include({ name: 'checkout', state: 'major_outage' });
    expect(atom.text).to.include('<entry>');
    for (const answer of [page, json, atom]) {
      expect(answer.text, 'the internal title').to.not.include('Checkout errors');
      expect(answer.text, 'the reference').to.not.include('INC-1');
      expect(answer.text, 'a non-public service').to.not.include('payments-db');
      expect(answer.text, 'the approver').to.not.include(ANA.name);
    }
  });

  it('still shows it, once, after the outbox published it, and clears the component when the incident is resolved', async () => {
    await e2e.settle();
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);
    expect(update?.state).to.equal('published');
    const json = (await call(`${statusUrl}/status.json`)).body;
    expect(json.active[0].updates).to.have.length(1);
    await e2e.command('resolve', ANA, room);
    await e2e.settle();
    const after = (await call(`${statusUrl}/status.json`)).body;
    expect(after.active).to.have.length(0);
    expect(after.components[0].state).to.equal('operational');
    expect(after.history[0].incidents[0].updates[0].body).to.equal(draftText);
  });
});
