import { expect } from 'chai';
import { checkedSignals } from './signal-check';

describe('checkedSignals: what a plugin\'s parse returned, before anything is stored', () => {
  const good = { status: 'firing', groupKey: 'g', deliveryId: 'd', title: 'Disk full', labels: { team: 'db' }, extra: 'dropped' };

  it('passes well-formed signals on, without keys Muster does not know', () => {
    expect(checkedSignals([good])).to.deep.equal([{ status: 'firing', groupKey: 'g', deliveryId: 'd', title: 'Disk full', labels: { team: 'db' } }]);
    expect(checkedSignals([])).to.deep.equal([]);
  });

  it('refuses what a buggy plugin might return, naming the first problem', () => {
    for (const returned of [undefined, null, 'signals', { ...good }, [{ ...good, status: 'burning' }], [{ ...good, groupKey: '' }], [{ ...good, labels: { n: 1 } }], Array(501).fill(good)]) {
      expect(() => checkedSignals(returned), JSON.stringify(returned)?.slice(0, 40)).to.throw(/^parse returned signals Muster cannot use/);
    }
  });
});
