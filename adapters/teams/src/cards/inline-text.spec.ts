import { expect } from 'chai';
import { activeMarkup, visibleText } from './card-checks.spec-helper';
import { renderRichText } from './inline-text';
import { MentionRegistry } from './mentions';
import { ana, bo, consoleDave, slackCarol } from './view-fixtures.spec-helper';

const render = (...args: Parameters<typeof renderRichText>) => renderRichText(...args);

describe('rich text in a TextBlock', () => {
  it('renders bold, italic and links as markdown with their content escaped', () => {
    const { text } = render([{ bold: 'INC-42' }, ' is ', { italic: 'down *now*' }, ' see ', { link: { url: 'https://grafana.example/d?a=1&b=2', text: 'the [dash]' } }], new MentionRegistry());
    expect(text).to.equal('**INC-42** is _down \\*now\\*_ see [the \\[dash\\]](https://grafana.example/d?a=1&b=2)');
    expect(activeMarkup(text).filter((t) => t.endsWith('_open'))).to.deep.equal(['strong_open', 'em_open', 'link_open']);
    expect(visibleText(text)).to.equal('INC-42 is down *now* see the [dash]');
  });

  it('keeps spaces outside the emphasis markers, where they still work', () => {
    expect(render([{ bold: ' SEV1 ' }], new MentionRegistry()).text).to.equal(' **SEV1** ');
    expect(render([{ bold: '   ' }, { italic: '' }], new MentionRegistry()).text).to.equal('\u00A0\u00A0\u00A0');
  });

  it('shows code in literal backticks: Teams cards have no inline code, so nothing in it is parsed', () => {
    const { text } = render(['Type ', { code: '@Muster sev <level> **now**' }, '.'], new MentionRegistry());
    expect(activeMarkup(text)).to.deep.equal([]);
    expect(visibleText(text)).to.equal('Type `@Muster sev <level> **now**`.');
  });

  it('shows a javascript: or data: link as its text only', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
      const { text } = render([{ link: { url, text: 'click **me**' } }], new MentionRegistry());
      expect(activeMarkup(text), url).to.deep.equal([]);
      expect(visibleText(text)).to.equal('click **me**');
    }
  });

  it('mentions Teams people with <at> and a registered entity, everyone else by name as plain text', () => {
    const registry = new MentionRegistry();
    const { text, mentions } = render([{ mention: ana }, ', ', { mention: slackCarol }, ', ', { mention: consoleDave }, ', ', { mention: { platform: 'teams', id: 'not-a-guid</at><at>x', name: 'Eve' } }], registry);
    expect(text).to.equal('<at>Ana Lima</at>, @carol, @dave, @Eve');
    expect(mentions).to.deep.equal(['teams:5f1c0e6e-9d3b-4a51-8f0e-6c2d9a7b1e01']);
    expect(registry.entitiesFor(new Set(mentions))).to.deep.equal([{ type: 'mention', text: '<at>Ana Lima</at>', mentioned: { id: ana.id, name: 'Ana Lima' } }]);
  });

  it('cleans a display name of markup and tags, so the <at> text cannot be broken out of', () => {
    const registry = new MentionRegistry();
    const { text } = render([{ mention: { ...ana, name: 'Ana</at> **x** <at>everyone' } }], registry);
    expect(text).to.equal('<at>Ana /at x at everyone</at>');
    expect(render([{ mention: { ...bo, name: '  ' } }], registry).text).to.equal('<at>Teams user</at>');
  });

  it('gives two people with one name distinct mention texts, and one person one entity however often named', () => {
    const registry = new MentionRegistry();
    const twin = { ...bo, name: 'Ana Lima' };
    const { text, mentions } = render([{ mention: ana }, ' ', { mention: twin }, ' ', { mention: ana }], registry);
    expect(text).to.equal('<at>Ana Lima</at> <at>Ana Lima (2)</at> <at>Ana Lima</at>');
    expect(registry.entitiesFor(new Set(mentions)).map((e) => [e.text, e.mentioned.id])).to.deep.equal([['<at>Ana Lima</at>', ana.id], ['<at>Ana Lima (2)</at>', bo.id]]);
  });

  it('cuts long text with a visible marker, never inside an escape, a link or a mention', () => {
    const stars = render(['*'.repeat(100)], new MentionRegistry(), 51).text;
    expect(stars.length).to.be.at.most(51);
    expect(stars).to.match(/^(\\\*)+…$/);

    const registry = new MentionRegistry();
    const cut = render(['a'.repeat(40), { mention: ana }, { link: { url: 'https://x.example', text: 'x' } }], registry, 45);
    expect(cut.text).to.equal(`${'a'.repeat(40)}…`);
    expect(cut.mentions, 'a mention cut away is not reported').to.deep.equal([]);

    expect(render([{ bold: 'x'.repeat(50) }], new MentionRegistry(), 20).text).to.equal(`**${'x'.repeat(15)}**…`);
  });

  it('leaves text that fits untouched', () => {
    expect(render(['exactly ten'], new MentionRegistry(), 11).text).to.equal('exactly ten');
  });

  it('escapes across adjacent strings as one text', () => {
    const { text } = render(['<', 'at>everyone<', '/at>'], new MentionRegistry());
    expect(text).not.to.include('<at>');
    expect(visibleText(text)).to.equal('<at>everyone</at>');
  });
});
