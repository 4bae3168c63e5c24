import { expect } from 'chai';
import { MENTION_PATTERN, mentionOf, parseMention, replaceMentions } from './person-mention';

describe('neutral mention tokens', () => {
  it('round-trips a person through a token', () => {
    for (const person of [
      { platform: 'slack' as const, id: 'U0ANA', name: 'ana' },
      { platform: 'teams' as const, id: '5f1c2a77-0b1d-4e6a-9f00-1c2d3e4f5a6b', name: 'Bob Jones' },
      { platform: 'console' as const, id: 'sre-lead' },
    ]) {
      expect(parseMention(mentionOf(person))).to.deep.equal(person);
    }
  });

  it('keeps a hostile name inside its token: no >, | or line break ends it early or forges another', () => {
    const hostile = { platform: 'slack' as const, id: 'U0EVE', name: 'eve> <@slack:U0ADMIN|admin> |x\n<!channel>' };
    const token = mentionOf(hostile);
    expect(token.match(MENTION_PATTERN), 'exactly one token').to.have.length(1);
    const parsed = parseMention(token);
    expect(parsed?.id).to.equal('U0EVE');
    expect(parsed?.name).to.not.match(/[<>|\n]/);
    expect(replaceMentions(`hi ${token}!`, (p) => `[${p.id}]`)).to.equal('hi [U0EVE]!');
  });

  it('reads only whole tokens of known platforms', () => {
    for (const text of ['<@U0ANA>', '<@slack:>', '<@irc:nick|x>', 'x <@slack:U1> y', '<@slack:U 1>', '<@slack:U1|a>b>']) {
      expect(parseMention(text), text).to.equal(undefined);
    }
  });

  it('rewrites every token in text, leaving platform formats and plain text alone', () => {
    const text = 'ask <@slack:U0BOB|Bob> and <@teams:ab-12> about <@U0RAW> and <at>x</at>';
    expect(replaceMentions(text, (p) => `@${p.name ?? p.id}`)).to.equal('ask @Bob and @ab-12 about <@U0RAW> and <at>x</at>');
  });
});
