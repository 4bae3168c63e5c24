import { expect } from 'chai';
import { ANA, type SlackE2E } from '../slack/harness';
import { alertEntries, deliver, footprint, pinnedCard, startWithSource } from './alert-e2e';
import { ALERT_SOURCES } from './alert-sources';

/**
 * The first "Done when", for each of the six bundled alert sources: on the real server with
 * the plugin loaded by its id from muster.yaml, Slack as home (real Bolt, fake Slack Web API), the
 * vendor's documented firing payload with its real credential declares an incident of the mapped
 * severity with its own Slack channel, the same webhook redelivered changes nothing, and the source's
 * resolve signal resolves it (Wazuh, which has none: a later alert of the same rule and agent is noted
 * on the open incident). Forged credentials and malformed bodies are refused and leave nothing behind.
 */
for (const source of ALERT_SOURCES) {
  describe(`Slack e2e: ${source.id} alerts declare, dedupe and ${source.resolved ? 'resolve' : 'note'} incidents (${source.auth})`, function () {
    this.timeout(120_000);
    let e2e: SlackE2E;
    const raw = JSON.stringify(source.firing);
    const secrets = Object.values(source.env);

    before(async () => {
      e2e = await startWithSource(source);
    });
    after(() => e2e?.stop());

    it('answers 401 to a missing or wrong credential, saying nothing of why, and stores or posts nothing', async () => {
      const before = await footprint(e2e);
      for (const { what, headers } of source.forged(raw)) {
        const answer = await deliver(e2e, source, raw, 'forged', headers);
        expect(answer.status, what).to.equal(401);
        expect(answer.body?.error?.code, what).to.equal('unauthorized');
        for (const secret of secrets) expect(answer.text, what).not.to.include(secret);
      }
      expect(await footprint(e2e)).to.deep.equal(before);
    });

    it('answers 400 with the plugin\'s reason to a malformed body, or one that is not JSON, and stores or posts nothing', async () => {
      const before = await footprint(e2e);
      const malformed = await deliver(e2e, source, source.malformed.body, 'malformed');
      expect(malformed.status, malformed.text).to.equal(400);
      expect(malformed.body.error).to.deep.include({ code: 'invalid_payload', message: `The ${source.id} payload is not valid: ${source.malformed.reason}` });
      const cut = await deliver(e2e, source, raw.slice(0, Math.floor(raw.length / 2)), 'cut');
      expect(cut.status, cut.text).to.equal(400);
      expect(cut.body.error).to.deep.include({ code: 'invalid_payload', message: `The ${source.id} payload is not valid: the body is not JSON` });
      expect(`${malformed.text}${cut.text}`).not.to.match(/\n\s+at /);
      expect(await footprint(e2e)).to.deep.equal(before);
    });

    it(`declares ${source.expected.severity} for its documented firing payload, with its own Slack channel, the card, the announcement and the alert with its link on the timeline`, async () => {
      const answer = await deliver(e2e, source, source.firing, 'firing');
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
      await e2e.settle();

      const incident = (await e2e.incident(1)).snapshot();
      expect(incident).to.deep.include({ title: source.expected.title, severity: source.expected.severity, status: 'triage', source: source.id, private: false });
      expect(incident.services).to.deep.equal(source.expected.services);

      const room = await e2e.roomOf(1);
      expect(e2e.slack.calls('conversations.create'), 'one channel made for it').to.have.length(1);
      expect(e2e.slack.channel(room.id)?.name).to.equal(room.name).and.match(/^inc-1-/);
      const cards = e2e.postsMentioning(room.id, 'Acknowledge');
      expect(cards, 'the incident card in its channel').to.have.length(1);
      expect(JSON.stringify(cards[0]!.blocks)).to.include('INC-1').and.include(source.expected.severity);
      expect(e2e.postsMentioning(e2e.announcements, 'INC-1'), 'announced once').to.have.length(1);

      const alerts = await alertEntries(e2e, 1);
      expect(alerts).to.have.length(1);
      expect(alerts[0]!.source).to.equal(source.id);
      expect(alerts[0]!.text).to.include(': firing: ');
      if (source.expected.link) {
        expect(alerts[0]!.text).to.include(source.expected.link);
        expect(alerts[0]!.data.url).to.equal(source.expected.link);
      }
    });

    it('changes nothing for the same webhook delivered again: no incident, timeline entry, Slack post or channel', async () => {
      const before = await footprint(e2e);
      const again = await deliver(e2e, source, source.firing, 'firing');
      expect(again.status, again.text).to.equal(200);
      expect(again.body).to.deep.equal({ results: [{ action: 'duplicate', incident: 'INC-1' }] });
      expect(await footprint(e2e)).to.deep.equal(before);
    });

    if (source.resolved) {
      const resolved = source.resolved;
      it('resolves it on the matching resolved webhook and announces it; the same webhook forged first, and redelivered after, change nothing', async () => {
        const untouched = await footprint(e2e);
        const resolvedRaw = JSON.stringify(resolved);
        const forged = await deliver(e2e, source, resolvedRaw, 'forged', source.forged(resolvedRaw).at(-1)!.headers);
        expect(forged.status).to.equal(401);
        expect(await footprint(e2e)).to.deep.equal(untouched);
        expect((await e2e.incident(1)).snapshot().status).to.equal('triage');

        const answer = await deliver(e2e, source, resolved, 'resolved');
        expect(answer.status, answer.text).to.equal(200);
        expect(answer.body).to.deep.equal({ results: [{ action: 'resolved', incident: 'INC-1' }] });
        await e2e.settle();
        expect((await e2e.incident(1)).snapshot().status).to.equal('resolved');
        expect(e2e.postsMentioning(e2e.announcements, 'INC-1 resolved'), 'the resolve announced once').to.have.length(1);
        expect(await pinnedCard(e2e), 'the card in its channel redrawn').to.match(/^INC-1 .* — resolved$/);
        expect((await alertEntries(e2e, 1)).at(-1)!.text).to.include(': resolved, so the incident is resolved: ');

        const before = await footprint(e2e);
        const again = await deliver(e2e, source, resolved, 'resolved');
        expect(again.body).to.deep.equal({ results: [{ action: 'duplicate', incident: 'INC-1' }] });
        expect(await footprint(e2e)).to.deep.equal(before);
      });
    } else {
      const again = source.again!;
      it('has no resolve signal: notes a later alert of the same rule and agent on the open incident, declaring nothing, and is resolved from chat', async () => {
        const before = await footprint(e2e);
        const answer = await deliver(e2e, source, again, 'again');
        expect(answer.status, answer.text).to.equal(200);
        expect(answer.body).to.deep.equal({ results: [{ action: 'noted', incident: 'INC-1' }] });
        const after = await footprint(e2e);
        expect(after.rows.incidents, 'no second incident').to.equal(before.rows.incidents);
        expect(after.slack.channels, 'no second channel').to.equal(before.slack.channels);
        expect((await e2e.incident(1)).snapshot().status).to.equal('triage');
        const alerts = await alertEntries(e2e, 1);
        expect(alerts.map((a) => a.text.split(': ')[1])).to.deep.equal(['firing', 'firing again']);

        const room = await e2e.roomOf(1);
        expect((await e2e.command('resolve', ANA, room)).status).to.equal(200);
        await e2e.settle();
        expect((await e2e.incident(1)).snapshot().status).to.equal('resolved');
        expect(e2e.postsMentioning(e2e.announcements, 'INC-1 resolved')).to.have.length(1);
        expect(await pinnedCard(e2e)).to.match(/^INC-1 .* — resolved$/);
      });
    }
  });
}
