import { expect } from 'chai';
import fc from 'fast-check';
import { Redactor } from '../redaction/redact';
import { alice, bob, carol, minutes, TimelineBuilder } from '../testing/incident-fixtures';
import { pickSalient } from './pick-lines';
import { nearDuplicate, wordsOf } from './words';
import { conversationOf, isChitChat, scoreOf, type SalienceProfile } from './salience';
import { factLine } from './text-format';

describe('salience', () => {
  it('treats acknowledgements, greetings and presence as chit-chat, and not a line that says something', () => {
    for (const text of ['thanks', 'Thanks!', 'joining', '+1', 'ok 👍', 'on it', 'lgtm', 'brb', 'hi all', 'thank you :pray:', ':wave: hi all', '👍', 'looking']) expect(isChitChat(text), text).to.equal(true);
    for (const text of ['thanks, rolled back payments-api', '+1 on the rollback', 'joining the failover', 'Seeing 30% auth declines']) expect(isChitChat(text), text).to.equal(false);
  });

  it('scores numbers, errors, actions, decisions, causes and highlights, per product', () => {
    const lines = conversationOf(new TimelineBuilder()
      .message(minutes(1), bob, 'Seeing 30% auth declines from Adyen')
      .message(minutes(2), bob, 'Rolled back payments-api')
      .message(minutes(3), alice, 'having lunch after this')
      .message(minutes(4), carol, 'the pool is exhausted because of the new retry loop')
      .build());
    const score = (i: number, p: SalienceProfile) => scoreOf(lines[i], p);
    expect(score(0, 'overview')).to.be.greaterThan(score(2, 'overview'));
    expect(score(1, 'response')).to.be.greaterThan(0);
    expect(score(1, 'causes'), 'an action is no cause').to.equal(0);
    expect(score(3, 'causes')).to.be.greaterThan(score(0, 'causes'));
    expect(score(2, 'overview')).to.equal(0);
  });

  it('only takes people\'s messages and notes: no system entries, commands, deleted lines or chit-chat', () => {
    const lines = conversationOf(new TimelineBuilder()
      .add('update_published', minutes(1), 'We are investigating errors', { highlighted: true })
      .add('ai_draft', minutes(2), 'Draft: errors everywhere')
      .message(minutes(3), bob, '/incident sev SEV1')
      .message(minutes(4), bob, 'thanks')
      .message(minutes(5), bob, 'the password is hunter2, errors gone')
      .replace(5, (e) => ({ ...e, text: '', deletedAt: minutes(6) }))
      .note(minutes(7), alice, 'p99 at 900ms')
      .build());
    expect(lines.map((l) => l.text)).to.deep.equal(['p99 at 900ms']);
  });

  it('folds repeats that differ only in numbers or a word', () => {
    expect(nearDuplicate(wordsOf('p99 still around 500ms'), wordsOf('p99 still around 650ms'))).to.equal(true);
    expect(nearDuplicate(wordsOf('Seeing 30% auth declines from Adyen'), wordsOf('seeing 30% auth declines from adyen too'))).to.equal(true);
    expect(nearDuplicate(wordsOf('Rolled back payments-api'), wordsOf('Restarted payments-api pods'))).to.equal(false);
  });
});

describe('pickSalient (property)', () => {
  const redactor = Redactor.withBuiltIns();
  const render = (l: { at: Date; who?: string; text: string }) => factLine(l, redactor, false);
  const word = fc.constantFrom('rolled', 'back', 'payments-api', 'seeing', '30%', 'declines', 'thanks', 'joining', '+1', 'restarted', 'error', 'p99', '4500ms',
    'why', 'is', 'the', 'db', 'lagging?', 'decided', 'failover', 'HTTP', '502', 'ok', 'because', 'deploy', 'secret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  const message = fc.record({ who: fc.constantFrom(alice, bob, carol), words: fc.array(word, { minLength: 1, maxLength: 10 }), pin: fc.boolean(), note: fc.boolean() });

  it('stays within its budget, keeps time order and quotes only (redacted) input lines, attributed to their author', () => {
    fc.assert(fc.property(
      fc.array(message, { maxLength: 60 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 1500 }),
      fc.constantFrom<SalienceProfile>('overview', 'causes', 'response'),
      (messages, maxLines, maxChars, profile) => {
        const b = new TimelineBuilder();
        messages.forEach((m, i) => (m.note ? b.note(minutes(i), m.who, m.words.join(' ')) : b.message(minutes(i), m.who, m.words.join(' '), m.pin)));
        const timeline = b.build();
        const picked = pickSalient(conversationOf(timeline), { profile, maxLines, maxChars, render });
        const rendered = picked.map(render);
        expect(rendered.join('\n').length).to.be.at.most(maxChars);
        expect(picked.length).to.be.at.most(maxLines);
        for (let i = 1; i < picked.length; i++) expect(picked[i].at.getTime()).to.be.at.least(picked[i - 1].at.getTime());
        for (const [i, line] of picked.entries()) {
          const source = timeline.find((e) => e.position === line.position)!;
          expect(line.text).to.equal(source.text);
          expect(line.who).to.equal(source.actor!.name);
          const quoted = rendered[i].replace(/^• \d\d:\d\d UTC [^:]+: /, '').replace(/…$/, '');
          expect(redactor.redact(source.text)).to.include(quoted);
          expect(rendered[i]).to.not.include('wJalrXUtnFEMI');
          expect(isChitChat(line.text)).to.equal(false);
        }
      },
    ), { numRuns: 300 });
  });

  it('picks from 10,000 lines without slowing the summary down', () => {
    const b = new TimelineBuilder();
    for (let i = 0; i < 10_000; i++) b.message(new Date(minutes(0).getTime() + i * 1000), bob, `unique observation ${i.toString(36)} at ${i % 97}% error rate on shard-${i}`);
    const lines = conversationOf(b.build());
    const picked = pickSalient(lines, { profile: 'overview', maxLines: 10, maxChars: 1400, render });
    expect(picked.length).to.be.within(1, 10);
  });
});
