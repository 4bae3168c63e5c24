import { expect } from 'chai';
import fc from 'fast-check';
import { activeMarkup, collapse, visibleText } from './card-checks.spec-helper';
import { escapeMarkdown, normaliseText, plainField, safeLinkUrl } from './teams-markdown';
import { HOSTILE } from './view-fixtures.spec-helper';

describe('Teams markdown escaping', () => {
  it('is checked by a parser that does see markup when it is there', () => {
    expect(activeMarkup('**x** _y_ [l](https://a) # h')).to.include.members(['strong_open', 'em_open', 'link_open']);
    expect(activeMarkup('# h')).to.include('heading_open');
    expect(activeMarkup('- a')).to.include('bullet_list_open');
    expect(activeMarkup('<b>x</b> &amp; <at>x</at>')).to.include.members(['html_inline', 'entity', '<at>']);
  });

  for (const typed of HOSTILE) {
    it(`keeps ${JSON.stringify(typed)} literal`, () => {
      const out = escapeMarkdown(typed);
      expect(activeMarkup(out), out).to.deep.equal([]);
      expect(visibleText(out)).to.equal(collapse(normaliseText(typed)));
    });
  }

  it('leaves no <at> tag, HTML tag or entity anywhere in the text, for any parser', () => {
    const out = escapeMarkdown('<at>everyone</at> <b>x</b> &amp; &#42; <img src=x onerror=alert(1)>');
    expect(out).not.to.match(/<[A-Za-z/!?]/);
    expect(out).not.to.match(/&[A-Za-z#]/);
  });

  it('turns line breaks into paragraph breaks and a run of them into one', () => {
    expect(escapeMarkdown('one\r\ntwo\n\n\n\nthree')).to.equal('one\n\ntwo\n\nthree');
  });

  it('escapes block syntax only where it is live, at the start of a line', () => {
    expect(escapeMarkdown('# a # b')).to.equal('\\# a # b');
    expect(escapeMarkdown('- a - b\n- c')).to.equal('\\- a - b\n\n\\- c');
    expect(escapeMarkdown('2. two 3. three')).to.equal('2\\. two 3. three');
    expect(escapeMarkdown('  > quote')).to.equal('\u00A0\u00A0\\> quote');
  });

  it('drops control characters and keeps emoji and every script whole', () => {
    expect(escapeMarkdown('a\u0000b\u0007c\u001Bd')).to.equal('abcd');
    expect(escapeMarkdown('🔥 Ошибка 支付 失败 ✅')).to.equal('🔥 Ошибка 支付 失败 ✅');
  });

  it('shows whatever is typed, and nothing of it as markup (property)', () => {
    const hostileUnit = fc.constantFrom('*', '_', '`', '~', '[', ']', '(', ')', '#', '>', '<', '&', '\\', '-', '+', '=', '|', '!', '.', '1', ' ', '\n', '\t', 'a', 'at', '/at', 'amp;', '#35;', 'b>', 'https://x', 'javascript:', '\u00A0');
    fc.assert(fc.property(fc.oneof(fc.string({ unit: hostileUnit, maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 })), (typed) => {
      const out = escapeMarkdown(typed);
      expect(activeMarkup(out), JSON.stringify(out)).to.deep.equal([]);
      expect(visibleText(out)).to.equal(collapse(normaliseText(typed)));
    }), { numRuns: 400 });
  });
});

describe('plain fields (titles, labels, choices)', () => {
  it('neutralise tags but keep markdown characters, which are not parsed there', () => {
    expect(plainField('<at>everyone</at> **x**')).to.equal('<\u2060at>everyone<\u2060/at> **x**');
    expect(plainField('a\nb')).to.equal('a b');
  });
});

describe('link URLs', () => {
  it('keeps http(s) and mailto, encoding what would end the destination early', () => {
    expect(safeLinkUrl('https://grafana.example/d/(x)?q=a b\\c')).to.equal('https://grafana.example/d/%28x%29?q=a%20b%5Cc');
    expect(safeLinkUrl(' mailto:oncall@example.com ')).to.equal('mailto:oncall@example.com');
  });

  it('refuses javascript:, data:, vbscript:, custom schemes and text that is no URL', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'msteams://x', 'not a url', '']) {
      expect(safeLinkUrl(url), url).to.equal(undefined);
    }
  });
});
