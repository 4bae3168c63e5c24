import { expect } from 'chai';
import type { PersonRef } from '@muster/core';
import { ANA, BOB, SlackE2E } from './harness';
import type { SlackChannel } from './slack-payloads';

/**
 * A stakeholder update drafted in Slack and decided on the web dashboard reaches Slack exactly as a
 * click on the draft's card would: published once to the stakeholder channel and the room, recorded on
 * the timeline, and the draft's card in the room redrawn with the decision (no buttons left to press).
 */
describe('Slack e2e: a draft approved on the web dashboard', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let base: string;

  before(async () => {
    e2e = await SlackE2E.start();
    base = `http://127.0.0.1:${e2e.server.port}`;
    await e2e.command('declare "Checkout errors for EU cards" --sev SEV2');
    await e2e.settle();
    room = await e2e.roomOf(1);
    await e2e.command('update external', ANA, room);
    await e2e.settle();
  });
  after(async () => { await e2e?.stop(); });

  async function browserOf(user: { id: string; name: string }) {
    const person: PersonRef = { platform: 'slack', id: user.id, name: user.name };
    const { token } = await e2e.store.webSessions.createSession({ person, workspaceId: e2e.teamId, tenantId: 'default' }, 'link');
    const cookie = `muster_session=${token}`;
    const page = await fetch(`${base}/incidents/INC-1/updates`, { headers: { cookie } });
    const html = await page.text();
    return { cookie, html, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '' };
  }
  const approve = async (who: { cookie: string; csrf: string }, id: string, version: number) => fetch(`${base}/incidents/INC-1/updates/${id}/approve`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ _csrf: who.csrf, version: String(version) }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: who.cookie },
  });
  const draftCard = () => e2e.postsMentioning(room.id, 'External update for INC-1')[0]!;

  it('refuses a responder without the role: nothing is published and the card still asks for approval', async () => {
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);
    const bob = await browserOf(BOB);
    expect(bob.html).to.contain('How it will look in Slack');
    const answer = await approve(bob, update!.id, update!.version);
    expect(answer.status).to.equal(403);
    await e2e.settle();
    expect(e2e.slack.messagesIn(e2e.stakeholders)).to.have.length(0);
    expect(JSON.stringify(draftCard().blocks)).to.include('Approve & publish');
  });

  it('publishes once to the stakeholder channel, records it, and redraws the draft card in the room', async () => {
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1)).id);
    const ana = await browserOf(ANA);
    const answer = await approve(ana, update!.id, update!.version);
    expect(answer.status).to.equal(303);
    await e2e.settle();
    const published = e2e.slack.messagesIn(e2e.stakeholders);
    expect(published).to.have.length(1);
    expect(JSON.stringify(published[0]?.blocks)).to.include('Service update').and.include(update!.body.slice(0, 30));
    const entries = (await e2e.timeline(1)).filter((e) => e.kind === 'update_published');
    expect(entries).to.have.length(1);
    expect(entries[0]!.text).to.match(/approved by ana/);
    const card = JSON.stringify(draftCard().blocks);
    // Redrawn before or after the publication ran (they may run side by side): either way, decided.
    expect(card, 'the room sees the decision').to.match(/Approved by|Published to/).and.not.include('Approve & publish');
    const stored = await e2e.store.repositories.statusUpdates.findById(update!.id);
    expect(stored?.state).to.equal('published');
  });
});
