import { expect } from 'chai';
import { escapeMrkdwn, renderMrkdwn, safeLinkUrl } from './mrkdwn';
import { errorView, MusterError } from '@muster/core';
import { renderBlocks } from './render-blocks';

const JOINER = '\u200D';
/** What a reader sees: entities decoded, invisible joiners gone. */
const visible = (mrkdwn: string) => mrkdwn.replaceAll(JOINER, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
/** True when the text contains a Slack control sequence (a mention, a broadcast, a link). */
const hasControlSequence = (mrkdwn: string) => /<[^>]*>/.test(mrkdwn);

describe('mrkdwn escaping', () => {
  it('keeps a typed broadcast, mention and bold as literal text', () => {
    const typed = '<!channel> @everyone *bold* <@U123>';
    const out = renderMrkdwn([typed]);
    expect(hasControlSequence(out)).to.equal(false);
    expect(out).to.include('&lt;!channel&gt;');
    expect(out).to.include('&lt;@U123&gt;');
    expect(out).not.to.match(/(^|\s)\*bold\*/);
    expect(visible(out)).to.equal(typed);
  });

  it('escapes ampersands so an entity typed by a user stays as typed', () => {
    expect(escapeMrkdwn('R&D &lt;x&gt;')).to.equal('R&amp;D &amp;lt;x&amp;gt;');
  });

  it('neutralises every formatting character with invisible joiners on both sides', () => {
    for (const ch of ['*', '_', '~', '`']) {
      expect(escapeMrkdwn(`a ${ch}word${ch} b`)).to.equal(`a ${JOINER}${ch}${JOINER}word${JOINER}${ch}${JOINER} b`);
    }
  });

  it('stops a leading > from quoting the line', () => {
    expect(escapeMrkdwn('> not a quote\nx > y')).to.equal(`${JOINER}&gt; not a quote\nx &gt; y`);
  });

  it('renders bold, italic and code pieces with their content escaped', () => {
    expect(renderMrkdwn([{ bold: 'SEV1' }, ' ', { italic: 'db' }, ' ', { code: 'a`b<c>' }])).to.equal('*SEV1* _db_ `aˋb&lt;c&gt;`');
    expect(renderMrkdwn([{ bold: ' spaced ' }])).to.equal(' *spaced* ');
    expect(renderMrkdwn([{ bold: '<!here>' }])).to.equal('*&lt;!here&gt;*');
  });

  it('turns Slack people into real mentions and everyone else into escaped names', () => {
    expect(renderMrkdwn([{ mention: { platform: 'slack', id: 'U024BE7LH', name: 'ana' } }])).to.equal('<@U024BE7LH>');
    expect(renderMrkdwn([{ mention: { platform: 'teams', id: 'aad-1', name: 'Bo <!channel>' } }])).to.equal('@Bo &lt;!channel&gt;');
    expect(renderMrkdwn([{ mention: { platform: 'slack', id: 'U1>|<!channel', name: 'x' } }])).to.equal('@x');
  });

  it('links http(s) and mailto URLs with both parts escaped', () => {
    expect(renderMrkdwn([{ link: { url: 'https://grafana.example/d?a=1&b=<2>|x', text: 'Dash *board* <!here>' } }])).to.equal(
      `<https://grafana.example/d?a=1&amp;b=%3C2%3E%7Cx|Dash ${JOINER}*${JOINER}board${JOINER}*${JOINER} &lt;!here&gt;>`,
    );
    expect(safeLinkUrl('mailto:oncall@example.com')).to.equal('mailto:oncall@example.com');
  });

  it('refuses javascript:, data: and unparsable links, showing only their text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'slack://open', 'not a url']) {
      const out = renderMrkdwn([{ link: { url, text: 'click' } }]);
      expect(out, url).to.equal('click');
    }
  });

  it('cuts long text with a visible marker, never inside an entity, mention or link', () => {
    const out = renderMrkdwn(['&'.repeat(100)], 52);
    expect(out.length).to.be.at.most(52);
    expect(out.endsWith('…')).to.equal(true);
    expect(out.slice(0, -1)).to.match(/^(&amp;)+$/);

    const withMention = renderMrkdwn(['a'.repeat(40), { mention: { platform: 'slack', id: 'U024BE7LH' } }], 45);
    expect(withMention).to.equal(`${'a'.repeat(40)}…`);

    const bold = renderMrkdwn([{ bold: 'x'.repeat(50) }], 20);
    expect(bold).to.equal(`*${'x'.repeat(17)}*…`);
  });

  it('leaves text that fits untouched', () => {
    expect(renderMrkdwn(['exactly ten'], 11)).to.equal('exactly ten');
  });
});

describe('error views in Slack', () => {
  it('shows what to type as code, never as escaped literal backticks', () => {
    const error = new MusterError('unknown_severity', 'There is no severity “SEV9”. Choose one of `SEV1`, `SEV2` or `SEV3`, e.g. `/incident sev SEV1`.', { usage: '/incident sev <level>' });
    const message = renderBlocks(errorView(error));
    const all = JSON.stringify(message);
    expect(all).not.to.include('\u200D`\u200D');
    expect(message.text).not.to.include('`');
    expect(all).to.include('`SEV1`').and.include('`/incident sev SEV1`');
  });
});
