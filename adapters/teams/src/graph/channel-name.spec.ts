import { expect } from 'chai';
import fc from 'fast-check';
import { channelNameFrom, channelNameWithSuffix, MAX_CHANNEL_NAME } from './channel-name';

const REFUSED = /[~#%&*{}+/\\:<>?|'",.\p{Cc}\p{Cf}]/u;

describe('Teams channel names', () => {
  it('keeps a plain incident name as it is', () => {
    expect(channelNameFrom('inc-42-checkout-errors')).to.equal('inc-42-checkout-errors');
    expect(channelNameFrom('INC 42 Zahlungen ausgefallen')).to.equal('INC 42 Zahlungen ausgefallen');
  });

  it('replaces what Teams refuses and never starts with a separator or ends with one', () => {
    expect(channelNameFrom('_.INC-7: db/api <down>?')).to.equal('INC-7- db-api -down');
    expect(channelNameFrom('a\u202eb\u200bc\nd\te')).to.equal('a-b-c-d-e');
  });

  it('is never empty and never over 50 characters, even with emoji at the cut', () => {
    expect(channelNameFrom('~#%&*')).to.equal('incident');
    expect(channelNameFrom('')).to.equal('incident');
    const long = channelNameFrom('🔥'.repeat(80));
    expect([...long].length).to.equal(MAX_CHANNEL_NAME);
    expect(long).to.equal('🔥'.repeat(50));
  });

  it('shortens the base so a suffix always fits', () => {
    const base = channelNameFrom('x'.repeat(60));
    expect(channelNameWithSuffix(base, 1)).to.equal(base);
    expect(channelNameWithSuffix(base, 12)).to.equal(`${'x'.repeat(47)}-12`);
  });

  it('produces a valid name for any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (wanted, attempt) => {
      const name = channelNameWithSuffix(channelNameFrom(wanted), attempt);
      return name.length > 0 && [...name].length <= MAX_CHANNEL_NAME && !REFUSED.test(name) && name.trim() === name;
    }));
  });
});
