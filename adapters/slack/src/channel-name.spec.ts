import { expect } from 'chai';
import { channelNameFrom, channelNameWithSuffix } from './channel-name';

const VALID = /^[a-z0-9_-]{1,80}$/;

describe('channel names', () => {
  // How a title becomes a slug is specified with core's slugify (core/src/support/slug.spec.ts).
  it('is core\'s slug with underscores kept, as Slack allows', () => {
    expect(channelNameFrom('Café  —  Zürich / payments_api')).to.equal('cafe-zurich-payments_api');
  });

  it('is never empty', () => {
    for (const wanted of ['', '   ', '🔥🔥', '!!!', '---', '日本語']) {
      const name = channelNameFrom(wanted);
      expect(name, wanted).to.match(VALID);
    }
  });

  it('keeps at most 80 characters and does not end on a dash', () => {
    const name = channelNameFrom(`${'a'.repeat(79)} b c`);
    expect(name.length).to.be.at.most(80);
    expect(name).to.match(VALID);
    expect(name.endsWith('-')).to.equal(false);
  });

  it('suffixes a taken name and stays within 80 characters', () => {
    expect(channelNameWithSuffix('inc-42', 1)).to.equal('inc-42');
    expect(channelNameWithSuffix('inc-42', 2)).to.equal('inc-42-2');
    const long = channelNameFrom('x'.repeat(100));
    const next = channelNameWithSuffix(long, 17);
    expect(next.length).to.equal(80);
    expect(next.endsWith('-17')).to.equal(true);
  });
});
