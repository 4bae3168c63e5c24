import { expect } from 'chai';
import { alice, bob, dan, incidentState, minutes, paymentsTimeline, summaryRequest, TimelineBuilder } from '../testing/incident-fixtures';
import { ExtractiveSummarizer } from './extractive-summarizer';

/** The defect report's incident: the salient lines were missing and a published update was quoted as a factor. */
describe('ExtractiveSummarizer on a real-sounding conversation', () => {
  const summarizer = new ExtractiveSummarizer({ clock: { now: () => minutes(20) } });
  const incident = incidentState({ id: 'inc-43', number: 43, title: 'Card payments failing', summary: undefined, services: ['payments-api'], status: 'mitigated' });
  const request = (kind: 'catch_up' | 'status_update' | 'postmortem_narrative') => summaryRequest(kind, { incident, timeline: paymentsTimeline(), audience: 'internal' });
  const CHIT_CHAT = [/: joining$/m, /: \+1$/m, /: thanks Bob$/m, /: ok 👍$/m, /: brb$/m, /: lgtm, thanks all$/m];
  const SYSTEM_TEXT = ['third-party provider outage', 'caused by Adyen', 'Draft:'];

  it('puts the salient lines in the catch-up, each with who said it, oldest first', async () => {
    const { text } = await summarizer.summarize(request('catch_up'));
    const wanted = [
      '10:02 UTC Bob Okafor: Seeing 30% auth declines from Adyen',
      '10:04 UTC Carol Nguyen: payments-api error rate is 12%, mostly HTTP 502',
      '10:07 UTC Alice Martin: Decision: we roll back payments-api to v3.8.1, Bob Okafor please go ahead',
      '⭐ 10:10 UTC Bob Okafor: Rolled back payments-api',
      '10:12 UTC Bob Okafor: auth declines back to 0.4%, error rate normal',
    ];
    const at = wanted.map((line) => text.indexOf(line));
    for (const [i, line] of wanted.entries()) expect(at[i], line).to.be.greaterThan(-1);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    expect(text).to.include('Open questions\n• 10:14 UTC Alice Martin: Do we need to replay the failed captures?');
  });

  it('leaves chit-chat out, and a repeated report counts once, credited to its first reporter', async () => {
    for (const kind of ['catch_up', 'status_update', 'postmortem_narrative'] as const) {
      const { text } = await summarizer.summarize(request(kind));
      for (const noise of CHIT_CHAT) expect(text, `${kind} ${noise}`).to.not.match(noise);
      expect((text.match(/30% auth declines/gi) ?? []).length, kind).to.equal(kind === 'status_update' ? 0 : 1);
      expect(text, kind).to.not.include('Dan Reyes');
    }
  });

  it('builds contributing factors from what responders said, never from published updates or drafts', async () => {
    const { sections, text } = await summarizer.summarize(request('postmortem_narrative'));
    const factors = sections!.contributing_factors;
    expect(factors).to.include('Bob Okafor: Seeing 30% auth declines from Adyen');
    expect(factors).to.include('Carol Nguyen: payments-api error rate is 12%, mostly HTTP 502 from the gateway client since the 09:50 deploy');
    expect(factors).to.not.include('Rolled back');
    for (const system of SYSTEM_TEXT) expect(text, system).to.not.include(system);
    expect(sections!.summary).to.include('What the responders did:');
    expect(sections!.summary).to.include('Bob Okafor: Rolled back payments-api');
    expect(sections!.summary).to.include('Alice Martin: Decision: we roll back payments-api to v3.8.1');
  });

  it('never quotes Muster\'s own entries, even highlighted, in any product', async () => {
    for (const kind of ['catch_up', 'status_update', 'postmortem_narrative'] as const) {
      const { text } = await summarizer.summarize(request(kind));
      for (const system of SYSTEM_TEXT) expect(text, `${kind}: ${system}`).to.not.include(system);
    }
  });

  it('tells stakeholders what was done since the last published update', async () => {
    const { text } = await summarizer.summarize(request('status_update'));
    expect(text).to.include('Since the last update');
    expect(text).to.include('Bob Okafor: Rolled back payments-api');
    expect(text).to.not.include('Seeing 30% auth declines');
  });

  it('says so when nobody reported a symptom or cause', async () => {
    const timeline = new TimelineBuilder().message(minutes(3), alice, 'joining').message(minutes(4), bob, 'thanks').message(minutes(5), dan, '+1').build();
    const { sections } = await summarizer.summarize(summaryRequest('postmortem_narrative', { incident, timeline }));
    expect(sections!.contributing_factors).to.equal('To be established in the review; nobody reported symptoms or causes in the conversation.');
    expect(sections!.summary).to.not.include('What the responders did');
  });

  it('redacts secrets in the lines it picks', async () => {
    const timeline = new TimelineBuilder().message(minutes(3), bob, 'Login fails with 401; AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY is wrong').build();
    const { text } = await summarizer.summarize(summaryRequest('catch_up', { incident, timeline }));
    expect(text).to.include('Bob Okafor: Login fails with 401; AWS secret [secret] is wrong');
    expect(text).to.not.include('wJalrXUtnFEMI');
  });
});
