import { expect } from 'chai';
import { highlightReactionTypes, isHighlight } from './highlight-reactions';

describe('highlight reactions on Teams', () => {
  it('counts the pushpin in every form Teams names it, and nothing else by default', () => {
    const types = highlightReactionTypes('pushpin');
    for (const t of ['pushpin', 'PUSHPIN', '📌', '1f4cc_pushpin']) expect(isHighlight(types, t), t).to.equal(true);
    for (const t of ['like', 'heart', 'laugh', '1f44d_thumbsup', 'pushpinx']) expect(isHighlight(types, t), t).to.equal(false);
  });

  it('lets the setting pick one of Teams\' classic reactions', () => {
    expect(isHighlight(highlightReactionTypes(':heart:'), 'heart')).to.equal(true);
    expect(isHighlight(highlightReactionTypes('heart'), 'like')).to.equal(false);
  });
});
