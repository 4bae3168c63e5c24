import { expect } from 'chai';
import { sourceKey, stableKey } from './keys';

describe('keys', () => {
  it('stableKey keeps keys readable when plain, and digests what could collide or carries odd characters', () => {
    expect(stableKey(['rule.id=5712', 'agent.id=001'])).to.equal('rule.id=5712|agent.id=001');
    expect(stableKey(['a|b', 'c'])).to.match(/^sha256:[0-9a-f]{64}$/).and.not.equal(stableKey(['a', 'b|c']));
    expect(stableKey(['x'.repeat(201)])).to.match(/^sha256:/).and.not.equal(stableKey(['x'.repeat(202)]));
    for (const odd of ['', ' padded', 'new\nline', 'émoji 🚨']) expect(stableKey([odd]), JSON.stringify(odd)).to.match(/^sha256:/);
  });

  it('sourceKey keeps a source\'s own key in any language, and digests one that is too long or would not store as is', () => {
    const grouped = '{}/{severity=~"critical|warning"}:{alertname="Überhitzung"}';
    expect(sourceKey(grouped)).to.equal(grouped);
    const long = `{}:{instance="${'i'.repeat(500)}"}`;
    expect(sourceKey(long)).to.match(/^sha256:[0-9a-f]{64}$/).and.equal(sourceKey(long));
    expect(sourceKey(long)).not.to.equal(sourceKey(`${long}x`));
    // A database may ignore trailing spaces, and the host stores a lone surrogate as U+FFFD: those would merge two groups.
    expect(sourceKey('g ')).to.match(/^sha256:/).and.not.equal(sourceKey('g'));
    expect(sourceKey('g\ud800')).to.match(/^sha256:/).and.not.equal(sourceKey('g\ud801'));
    expect(sourceKey('')).to.match(/^sha256:/);
  });
});
