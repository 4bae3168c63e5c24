import { expect } from 'chai';
import { oneLine, paragraphs, pickLabel, textOf, truncate, wellFormed } from './text';

describe('text helpers', () => {
  it('truncate cuts to the limit with an ellipsis and never splits an emoji', () => {
    expect(truncate('short', 10)).to.equal('short');
    expect(truncate('abcdefghij', 5)).to.equal('abcd…');
    const cut = truncate('abc🔥def', 5);
    expect(cut).to.equal('abc…');
    expect(cut.length).to.be.at.most(5);
    expect(truncate('anything', 0)).to.equal('');
  });

  it('textOf takes strings and numbers, trimmed, and nothing else', () => {
    expect(textOf('  Disk full ')).to.equal('Disk full');
    expect(textOf(42)).to.equal('42');
    for (const v of [undefined, null, '', '   ', {}, [], true, Number.NaN]) expect(textOf(v)).to.equal(undefined);
    expect(textOf('x'.repeat(1000), 10)).to.have.length(10);
  });

  it('pickLabel takes the first non-empty own field and ignores inherited names', () => {
    expect(pickLabel({ job: 'api', service: '' }, 'service', 'job')).to.equal('api');
    expect(pickLabel({ service: 'db', job: 'api' }, 'service', 'job')).to.equal('db');
    expect(pickLabel({}, 'toString', 'constructor', '__proto__')).to.equal(undefined);
    expect(pickLabel('service=db', 'service')).to.equal(undefined);
    expect(pickLabel(null, 'service')).to.equal(undefined);
    expect(pickLabel(['db'], '0')).to.equal(undefined);
  });

  it('makes a title one trimmed line and a summary paragraphs, both cut and well-formed', () => {
    expect(oneLine('  <!channel>\n\tfire\u2028now  ', 200)).to.equal('<!channel> fire now');
    // 199: the cut would split a pair, so the whole emoji goes.
    expect(oneLine('🚨'.repeat(150), 200)).to.have.length(199).and.match(/🚨…$/);
    expect(oneLine('\ud800x', 10)).to.equal('\ufffdx');
    expect([oneLine('   ', 10), oneLine({}, 10), oneLine(7, 10), oneLine(true)]).to.deep.equal([undefined, undefined, '7', 'true']);
    expect(paragraphs('line one  \r\nline two\n\n\n\nend\u0000', 2000)).to.equal('line one\nline two\n\nend');
    expect([paragraphs(7), paragraphs(' \n ')]).to.deep.equal([undefined, undefined]);
  });

  it('cuts at 200 for a title and 2000 for a summary unless told otherwise', () => {
    expect(oneLine('t'.repeat(5000))).to.have.length(200);
    expect(paragraphs('s'.repeat(50_000))).to.have.length(2000);
    expect(oneLine('t'.repeat(5000), 100)).to.have.length(100);
  });

  it('drops bidi overrides and zero-width characters, so a title reads as it is stored', () => {
    expect(oneLine('<!channel> \u202Egnp.exe\u202C\u0000 done')).to.equal('<!channel> gnp.exe done');
    expect(oneLine('pass\u200Bword\uFEFF \u2066isolated\u2069')).to.equal('password isolated');
    expect(paragraphs('first\u202E line\u2029\nsecond\u0007 line')).to.equal('first line\nsecond  line');
  });

  it('wellFormed replaces lone surrogates and keeps pairs', () => {
    expect(wellFormed('a\udc00b\ud800')).to.equal('a\ufffdb\ufffd');
    expect(wellFormed('🚨')).to.equal('🚨');
  });
});
