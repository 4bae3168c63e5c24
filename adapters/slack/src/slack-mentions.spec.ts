import { expect } from 'chai';
import { mentionOf, parseMention, type PersonRef } from '@muster/core';
import { renderMrkdwn } from './render/mrkdwn';
import { labelledMentions, neutralMentions } from './slack-mentions';

const known = new Map<string, PersonRef>([['U0BOB', { platform: 'slack', id: 'U0BOB', name: 'bob' }]]);
const personOf = (id: string): PersonRef => known.get(id) ?? { platform: 'slack', id };

describe('Slack mentions and neutral tokens', () => {
  it('turns Slack\'s mentions into neutral tokens before core sees the text', () => {
    expect(neutralMentions('assign comms <@U0ANA|ana>', personOf)).to.equal('assign comms <@slack:U0ANA|ana>');
    expect(neutralMentions('thanks <@U0BOB> and <@W0CLEO>', personOf), 'a known name travels with the token').to.equal('thanks <@slack:U0BOB|bob> and <@slack:W0CLEO>');
    expect(neutralMentions('<!channel> <#C0ROOM|incidents> &lt;@U0FAKE&gt; <@not-an-id>', personOf), 'not people, or typed look-alikes').to.equal('<!channel> <#C0ROOM|incidents> &lt;@U0FAKE&gt; <@not-an-id>');
    expect(labelledMentions('x <@U0ANA|ana> <@U0BOB>')).to.deep.equal([{ platform: 'slack', id: 'U0ANA', name: 'ana' }]);
  });

  it('keeps a hostile label inside one token', () => {
    expect(neutralMentions('<@U0EVE|ev|il>', personOf)).to.equal('<@slack:U0EVE|ev il>');
    expect(parseMention(neutralMentions('<@U0EVE|ev|il>', personOf))).to.deep.equal({ platform: 'slack', id: 'U0EVE', name: 'ev il' });
    // A label cannot hold `<` or `>`: what follows one is left as text, never joined into the token.
    expect(neutralMentions('<@U0EVE|eve<!channel>>', personOf)).to.equal('<@U0EVE|eve<!channel>>');
  });

  it('renders a token in text back as a readable, escaped name that pings nobody, and a mention inline as Slack\'s mention', () => {
    const hostile = mentionOf({ platform: 'slack', id: 'U0EVE', name: '*eve* &amp; <!here>' });
    const out = renderMrkdwn([`ask ${mentionOf({ platform: 'slack', id: 'U0BOB', name: 'bob' })} and ${hostile}`]);
    expect(out).to.equal('ask @bob and @\u200D*\u200Deve\u200D*\u200D &amp;amp; !here');
    expect(out).to.not.include('<@');
    expect(renderMrkdwn([{ mention: { platform: 'slack', id: 'U0BOB', name: 'bob' } }])).to.equal('<@U0BOB>');
    expect(renderMrkdwn([{ mention: { platform: 'teams', id: 'ab-12', name: 'Bob Jones' } }]), 'a Teams person is a name here').to.equal('@Bob Jones');
  });

  it('writes commands with Slack\'s prefix, as code', () => {
    expect(renderMrkdwn(['Then ', { command: 'postmortem done' }, '; ', { command: '' }, ' alone shows help.'])).to.equal('Then `/incident postmortem done`; `/incident` alone shows help.');
  });
});
