import { expect } from 'chai';
import { isoInstant, labelSet, oneLine, paragraph, safeUrl, stableKey } from './untrusted-text';

describe('untrusted text', () => {
  it('keeps keys readable when plain, and digests what could collide or carries odd characters', () => {
    expect(stableKey(['rule.id=5712', 'agent.id=001'])).to.equal('rule.id=5712|agent.id=001');
    expect(stableKey(['a|b', 'c'])).to.match(/^sha256:[0-9a-f]{64}$/).and.not.equal(stableKey(['a', 'b|c']));
    expect(stableKey(['x'.repeat(201)])).to.match(/^sha256:/).and.not.equal(stableKey(['x'.repeat(202)]));
    for (const odd of ['', ' padded', 'new\nline', 'émoji 🚨']) expect(stableKey([odd]), JSON.stringify(odd)).to.match(/^sha256:/);
  });

  it('makes a title one trimmed line and a summary paragraphs, both cut and well-formed', () => {
    expect(oneLine('  <!channel>\n\tfire\u2028now  ', 200)).to.equal('<!channel> fire now');
    // 199: the cut would split a pair, so the whole emoji goes.
    expect(oneLine('🚨'.repeat(150), 200)).to.have.length(199).and.match(/🚨…$/);
    expect(oneLine('\ud800x', 10)).to.equal('\ufffdx');
    expect([oneLine('   ', 10), oneLine({}, 10), oneLine(7, 10)]).to.deep.equal([undefined, undefined, '7']);
    expect(paragraph('line one  \r\nline two\n\n\n\nend\u0000', 2000)).to.equal('line one\nline two\n\nend');
  });

  it('links only to plain http(s) without credentials', () => {
    expect(safeUrl('https://wazuh.example.com/app')).to.equal('https://wazuh.example.com/app');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://user:pw@example.com/', 'not a url', 42]) expect(safeUrl(bad), String(bad)).to.equal(undefined);
  });

  it('bounds labels and keeps a label named __proto__ a label', () => {
    const labels = labelSet([['__proto__', 'x'], ...Array.from({ length: 80 }, (_, i) => [`k${i}`, i] as const)]);
    expect(Object.keys(labels)).to.have.length(50);
    expect(Object.getPrototypeOf(labels)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).to.equal('x');
  });

  it('reads instants in the sources\' formats, and nothing from a non-date', () => {
    expect(isoInstant('2026-05-14T09:12:31.418+0000')).to.equal('2026-05-14T09:12:31.418Z');
    expect(isoInstant(1778750101104)).to.equal('2026-05-14T09:15:01.104Z');
    expect([isoInstant('soon'), isoInstant(1e20), isoInstant(null)]).to.deep.equal([undefined, undefined, undefined]);
  });
});
