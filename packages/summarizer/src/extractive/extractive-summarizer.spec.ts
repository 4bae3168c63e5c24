import { expect } from 'chai';
import { NARRATIVE_SECTIONS } from '@muster/core';
import { alice, bob, carol, incidentState, longTimeline, minutes, sampleTimeline, summaryRequest, TimelineBuilder } from '../testing/incident-fixtures';
import { ExtractiveSummarizer } from './extractive-summarizer';

describe('ExtractiveSummarizer', () => {
  const summarizer = new ExtractiveSummarizer({ clock: { now: () => minutes(45) } });

  describe('catch-up', () => {
    it('tells a newcomer what happened, the status, who does what, and what is open', async () => {
      const result = await summarizer.summarize(summaryRequest('catch_up'));
      expect(result.producedBy).to.equal('extractive');
      expect(result.fallbackReason).to.equal(undefined);
      const text = result.text;
      expect(text).to.include('INC-42 · SEV1 · Investigating');
      expect(text).to.include('Severity SEV2 → SEV1');
      expect(text).to.include('⭐ 10:10 UTC Bob Okafor: Rolling back checkout-api to v2.14.0 now');
      expect(text).to.include('Investigating, open for 45m 00s.');
      expect(text).to.include('• Incident Commander: Alice Martin');
      expect(text).to.include('Rollback started by Bob');
      expect(text).to.include('Add an alert on replica lag above 10s (owner: Carol Nguyen)');
      expect(text).to.not.include('Pin the gateway client version');
      expect(text).to.include('Is the US region also seeing elevated errors?');
      expect(text, 'views mark extractive output; the text is only content (update bodies are published as written)').to.not.include('without AI');
    });

    it('redacts secrets and personal data it quotes from the chat', async () => {
      const timeline = new TimelineBuilder().note(minutes(5), bob, 'DB creds postgres://app:hunter2@10.1.2.3/db, ask bob@example.com').build();
      const { text } = await summarizer.summarize(summaryRequest('catch_up', { timeline }));
      expect(text).to.include('postgres://[secret]@[ip]/db, ask [email]');
      expect(text).to.not.match(/hunter2|10\.1\.2\.3|bob@example/);
    });

    it('fits a Slack text block even for a very long incident', async () => {
      const timeline = longTimeline(5000);
      const { text } = await summarizer.summarize(summaryRequest('catch_up', { timeline }));
      expect(text.length).to.be.at.most(3000);
      expect(text).to.include('What happened');
    });

    it('leaves out deleted messages', async () => {
      const timeline = new TimelineBuilder().note(minutes(5), bob, 'the root password is swordfish').replace(1, (e) => ({ ...e, text: '', deletedAt: minutes(6) })).build();
      const { text } = await summarizer.summarize(summaryRequest('catch_up', { timeline }));
      expect(text).to.not.include('swordfish');
    });
  });

  describe('status update', () => {
    it('gives internal stakeholders impact, timing, key events and the commander', async () => {
      const { text } = await summarizer.summarize(summaryRequest('status_update', { audience: 'internal' }));
      expect(text).to.include('INC-42 update: Investigating (SEV1)');
      expect(text).to.include('Impact: Card payments time out at the payment gateway.');
      expect(text).to.include('Incident Commander: Alice Martin.');
      expect(text).to.include('Severity SEV2 → SEV1');
    });

    it('only reports what changed since the last published update', async () => {
      const timeline = new TimelineBuilder()
        .severity(minutes(5), alice, 'SEV3', 'SEV2')
        .add('update_published', minutes(10), 'Update sent', { actor: alice })
        .severity(minutes(20), alice, 'SEV2', 'SEV1')
        .build();
      const { text } = await summarizer.summarize(summaryRequest('status_update', { audience: 'internal', timeline }));
      expect(text).to.include('Since the last update');
      expect(text).to.include('SEV2 → SEV1');
      expect(text).to.not.include('SEV3 → SEV2');
    });

    it('writes external updates from status and milestones only: no names, chat, title or hosts', async () => {
      const { text } = await summarizer.summarize(summaryRequest('status_update', { audience: 'external' }));
      expect(text).to.include('We are investigating an issue causing a major disruption');
      expect(text).to.include('The issue began at about 09:58 UTC.');
      for (const leak of ['Alice', 'Bob', 'Carol', 'checkout-api', 'Checkout fails', 'db-eu-3', 'Rolling back', 'SEV1', 'INC-42']) {
        expect(text).to.not.include(leak);
      }
    });

    it('tells customers when it is over', async () => {
      const incident = incidentState({ status: 'resolved', milestones: { detected: minutes(0), declared: minutes(4), mitigated: minutes(30), resolved: minutes(50) } });
      const { text } = await summarizer.summarize(summaryRequest('status_update', { audience: 'external', incident }));
      expect(text).to.include('This incident is resolved');
      expect(text).to.include('It was resolved at 10:48 UTC (duration 50m 00s).');
    });
  });

  describe('postmortem narrative', () => {
    it('fills every section from the record and says where judgement is still needed', async () => {
      const incident = incidentState({ status: 'resolved', milestones: { detected: minutes(0), declared: minutes(4), acknowledged: minutes(6), mitigated: minutes(30), resolved: minutes(50) } });
      const result = await summarizer.summarize(summaryRequest('postmortem_narrative', { incident }));
      expect(Object.keys(result.sections ?? {})).to.have.members(NARRATIVE_SECTIONS.map((s) => s.key));
      expect(result.sections?.summary).to.include('INC-42 (SEV1): Checkout fails for EU customers.');
      expect(result.sections?.impact).to.include('Impact lasted about 50m 00s');
      expect(result.sections?.contributing_factors).to.include('To be established in the review');
      expect(result.sections?.went_well).to.include('Mitigated 30m 00s after detection.');
      expect(result.sections?.went_badly).to.include('declared 4m 00s after detection');
      expect(result.sections?.suggested_actions).to.include('Add an alert on replica lag above 10s (owner: Carol Nguyen)');
      expect(result.text).to.include('What went well');
      expect(result.text).to.not.include('without AI');
    });

    it('counts severity revisions in words, once or n times, and claims no acknowledgement that did not happen', async () => {
      const once = await summarizer.summarize(summaryRequest('postmortem_narrative'));
      expect(once.sections?.went_badly).to.include('Severity was revised once during the response.');
      const timeline = [...sampleTimeline(), ...new TimelineBuilder().severity(minutes(20), alice, 'SEV1', 'SEV2').severity(minutes(25), alice, 'SEV2', 'SEV1').build()];
      const thrice = await summarizer.summarize(summaryRequest('postmortem_narrative', { timeline }));
      expect(thrice.sections?.went_badly).to.include('Severity was revised 3 times during the response.');
      expect(thrice.text).not.to.include('time(s)');
      const skipped = incidentState({ status: 'resolved', milestones: { detected: minutes(0), declared: minutes(0), resolved: minutes(28) } });
      const resolvedFromTriage = await summarizer.summarize(summaryRequest('postmortem_narrative', { incident: skipped }));
      expect(resolvedFromTriage.sections?.went_well ?? '').not.to.match(/Acknowledged|Mitigated/);
    });

    it('notices a reopened incident', async () => {
      const timeline = [...sampleTimeline(), ...new TimelineBuilder().status(minutes(60), carol, 'resolved', 'investigating').build()];
      const result = await summarizer.summarize(summaryRequest('postmortem_narrative', { timeline }));
      expect(result.sections?.went_badly).to.include('reopened');
    });
  });

  it('reports why it answered when it stands in for a model', async () => {
    const s = new ExtractiveSummarizer({ reason: 'not_configured: no LLM endpoint is configured' });
    expect((await s.summarize(summaryRequest('catch_up'))).fallbackReason).to.match(/^not_configured/);
  });
});
