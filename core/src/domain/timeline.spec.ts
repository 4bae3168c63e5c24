import { expect } from 'chai';
import { deleteEntry, reviseEntry, timelineEntry } from './timeline';
import { alice, minutes, T0 } from './domain-fixtures.spec-helper';

const entry = () => timelineEntry({ id: 'e1', incidentId: 'i', kind: 'message', occurredAt: T0, recordedAt: T0, actor: alice, source: 'slack', text: 'db is at 100% cpu', idempotencyKey: 'slack:Ev1' });

describe('timeline entries', () => {
  it('keeps the earlier text when a chat message is edited', () => {
    const edited = reviseEntry(entry(), 'db is at 100% cpu on the primary', minutes(1));
    expect(edited.text).to.equal('db is at 100% cpu on the primary');
    expect(edited.revisions).to.deep.equal([{ text: 'db is at 100% cpu', at: minutes(1) }]);
    expect(reviseEntry(edited, edited.text, minutes(2)), 'a no-op edit adds no revision').to.equal(edited);
  });

  it('a deletion keeps the entry but drops its text and history (people delete pasted secrets)', () => {
    const deleted = deleteEntry(reviseEntry(entry(), 'password is hunter2', minutes(1)), minutes(2));
    expect(deleted.deletedAt).to.deep.equal(minutes(2));
    expect(deleted.text).to.equal('');
    expect(deleted.revisions).to.deep.equal([]);
  });

  it('refuses an entry without an idempotency key and truncates huge text with a marker', () => {
    expect(() => timelineEntry({ ...entry(), idempotencyKey: '' })).to.throw(/idempotency key/);
    expect(timelineEntry({ ...entry(), text: 'x'.repeat(50_000) }).text).to.match(/… \[truncated\]$/);
  });

  it('stores lone surrogates as U+FFFD and never cuts an emoji in half when truncating', () => {
    expect(timelineEntry({ ...entry(), text: 'a\ud800b\udc00c😀' }).text).to.equal('a\ufffdb\ufffdc😀');
    const cut = timelineEntry({ ...entry(), text: `${'x'.repeat(39_999)}😀😀` }).text;
    expect(cut).to.not.match(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(reviseEntry(entry(), 'edit \udfff', T0).text).to.equal('edit \ufffd');
  });
});
