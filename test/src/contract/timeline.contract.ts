import { expect } from 'chai';
import { deleteEntry, reviseEntry } from '@muster/core';
import { ada, entry, expectMusterError, minutesAfter, newId, plain, T0 } from './fixtures';
import type { StoreUnderTest } from './harnesses';

export function timelineContract(store: () => StoreUnderTest): void {
  it('stores an entry once per idempotency key and gives every field back', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    const first = entry(incidentId, {
      kind: 'alert', actor: ada, highlighted: true, text: 'CPU > 95% on checkout-7 🔥',
      data: { labels: { severity: 'critical', team: 'payments' }, values: [1, 2.5, null], firing: true },
      external: { platform: 'slack', conversationId: 'C0INC42', messageId: '1714557600.000100', threadId: '1714557500.000050' },
    });
    expect(await r.timeline.append(first)).to.equal(true);
    expect(await r.timeline.append({ ...first, id: newId('tl'), text: 'the redelivery' })).to.equal(false);
    expect(await r.timeline.count(incidentId)).to.equal(1);
    const found = (await r.timeline.findByKey(first.idempotencyKey))!;
    expect(found.position).to.be.a('number');
    expect(plain({ ...found, position: undefined })).to.deep.equal(plain(first));
  });

  it('appends many in one call: new ones stored in order, known keys and repeats within the call refused', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    const known = entry(incidentId, { text: 'already there' });
    await r.timeline.append(known);
    const a = entry(incidentId, { text: 'a' });
    const b = entry(incidentId, { text: 'b', highlighted: true, external: { platform: 'slack', conversationId: 'C1', messageId: '1.2' } });
    const redelivered = { ...known, id: newId('tl'), text: 'redelivery' };
    const twinOfA = { ...a, id: newId('tl'), text: 'a again, same event' };
    expect(await r.timeline.appendMany([a, redelivered, b, twinOfA])).to.deep.equal([true, false, true, false]);
    expect(await r.timeline.appendMany([])).to.deep.equal([]);
    const listed = await r.timeline.list(incidentId);
    expect(listed.map((e) => e.text)).to.deep.equal(['already there', 'a', 'b']);
    expect(plain({ ...listed[2]!, position: undefined })).to.deep.equal(plain(b));
    await expectMusterError(r.timeline.appendMany([entry(incidentId, { idempotencyKey: 'k'.repeat(513) })]), 'invalid_argument');
  });

  it('keeps a system entry without actor or external message as it was', async () => {
    const { repositories: r } = store();
    const system = entry(newId('inc'), { actor: undefined, source: 'system', kind: 'status_change', data: {} });
    await r.timeline.append(system);
    expect(plain({ ...(await r.timeline.findByKey(system.idempotencyKey))!, position: undefined })).to.deep.equal(plain(system));
  });

  it('lists oldest first in arrival order, with positions that only grow', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    // occurredAt out of order on purpose: the order is the order of arrival.
    const texts = ['first', 'second', 'third', 'fourth', 'fifth'];
    for (const [i, text] of texts.entries()) await r.timeline.append(entry(incidentId, { text, occurredAt: minutesAfter(T0, 10 - i) }));
    await r.timeline.append(entry(newId('inc'), { text: 'another incident' }));
    const listed = await r.timeline.list(incidentId);
    expect(listed.map((e) => e.text)).to.deep.equal(texts);
    const positions = listed.map((e) => e.position!);
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).to.equal(5);
  });

  it('answers "everything since position N", with a limit and highlights only', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    for (let i = 0; i < 6; i++) await r.timeline.append(entry(incidentId, { text: `m${i}`, highlighted: i % 2 === 1 }));
    const all = await r.timeline.list(incidentId);
    const since = await r.timeline.list(incidentId, { afterPosition: all[2]!.position });
    expect(since.map((e) => e.text)).to.deep.equal(['m3', 'm4', 'm5']);
    expect((await r.timeline.list(incidentId, { afterPosition: all[1]!.position, limit: 2 })).map((e) => e.text)).to.deep.equal(['m2', 'm3']);
    expect((await r.timeline.list(incidentId, { highlightedOnly: true })).map((e) => e.text)).to.deep.equal(['m1', 'm3', 'm5']);
    expect(await r.timeline.list(incidentId, { afterPosition: all[5]!.position })).to.deep.equal([]);
  });

  it('answers only the kinds asked for, in order, and nothing for an empty list', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    const kinds = ['message', 'severity_change', 'message', 'status_change', 'note'] as const;
    for (const [i, kind] of kinds.entries()) await r.timeline.append(entry(incidentId, { text: `k${i}`, kind }));
    await r.timeline.append(entry(newId('inc'), { text: 'another incident', kind: 'severity_change' }));
    expect((await r.timeline.list(incidentId, { kinds: ['severity_change', 'status_change'] })).map((e) => e.text)).to.deep.equal(['k1', 'k3']);
    expect((await r.timeline.list(incidentId, { kinds: ['message'], limit: 1 })).map((e) => e.text)).to.deep.equal(['k0']);
    expect(await r.timeline.list(incidentId, { kinds: [] })).to.deep.equal([]);
  });

  it('answers the newest N entries in timeline order, of this incident only, with the other filters', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    for (let i = 0; i < 7; i++) await r.timeline.append(entry(incidentId, { text: `n${i}`, highlighted: i % 2 === 0 }));
    await r.timeline.append(entry(newId('inc'), { text: 'another incident' }));
    expect((await r.timeline.list(incidentId, { newest: 3 })).map((e) => e.text)).to.deep.equal(['n4', 'n5', 'n6']);
    expect((await r.timeline.list(incidentId, { newest: 50 })).map((e) => e.text)).to.have.length(7);
    expect((await r.timeline.list(incidentId, { newest: 2, highlightedOnly: true })).map((e) => e.text)).to.deep.equal(['n4', 'n6']);
    expect(await r.timeline.list(incidentId, { newest: 0 })).to.deep.equal([]);
  });

  it('reflects chat edits, highlights and deletions through update', async () => {
    const { repositories: r } = store();
    const original = entry(newId('inc'), { text: 'db is fine', external: { platform: 'teams', conversationId: '19:room@thread', messageId: '1700000000001' } });
    await r.timeline.append(original);
    const stored = (await r.timeline.findByKey(original.idempotencyKey))!;
    const edited = { ...reviseEntry(stored, 'db is NOT fine', minutesAfter(T0, 3)), highlighted: true };
    await r.timeline.update(edited);
    const afterEdit = (await r.timeline.findByKey(original.idempotencyKey))!;
    expect(afterEdit.text).to.equal('db is NOT fine');
    expect(afterEdit.highlighted).to.equal(true);
    expect(afterEdit.revisions).to.deep.equal([{ text: 'db is fine', at: minutesAfter(T0, 3) }]);
    expect(afterEdit.position).to.equal(stored.position);
    await r.timeline.update(deleteEntry(afterEdit, minutesAfter(T0, 4)));
    const afterDelete = (await r.timeline.findByKey(original.idempotencyKey))!;
    expect(afterDelete.text).to.equal('');
    expect(afterDelete.revisions).to.deep.equal([]);
    expect(afterDelete.deletedAt).to.deep.equal(minutesAfter(T0, 4));
    expect(await r.timeline.count(original.incidentId)).to.equal(1);
  });

  it('refuses to update an entry that was never appended', async () => {
    const { repositories: r } = store();
    await expectMusterError(r.timeline.update(entry(newId('inc'))), 'not_found');
  });

  it('finds an entry by the chat message behind it', async () => {
    const { repositories: r } = store();
    const ref = { platform: 'slack', conversationId: 'C0INC42', messageId: '1714557600.000200' };
    const withMessage = entry(newId('inc'), { external: ref });
    await r.timeline.append(entry(withMessage.incidentId));
    await r.timeline.append(withMessage);
    expect((await r.timeline.findByExternal(ref))!.id).to.equal(withMessage.id);
    expect(await r.timeline.findByExternal({ ...ref, messageId: '1714557600.000201' })).to.equal(undefined);
    expect(await r.timeline.findByExternal({ ...ref, platform: 'teams' })).to.equal(undefined);
    expect(await r.timeline.findByKey('slack:never-seen')).to.equal(undefined);
  });

  it('stores each of 25 keys once when every event is delivered twice at the same time', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    const entries = Array.from({ length: 25 }, (_, i) => entry(incidentId, { text: `event ${i}`, idempotencyKey: `slack:Ev${i}` }));
    const results = await Promise.all([...entries, ...entries.map((e) => ({ ...e, id: newId('tl') }))].map((e) => r.timeline.append(e)));
    expect(results.filter(Boolean)).to.have.length(25);
    expect(await r.timeline.count(incidentId)).to.equal(25);
  });

  it('takes idempotency keys up to 512 characters and refuses longer ones', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    expect(await r.timeline.append(entry(incidentId, { idempotencyKey: `teams:${'a'.repeat(506)}` }))).to.equal(true);
    await expectMusterError(r.timeline.append(entry(incidentId, { idempotencyKey: `teams:${'a'.repeat(507)}` })), 'invalid_argument');
    await expectMusterError(r.inbox.claim('k'.repeat(513), T0), 'invalid_argument');
    await expectMusterError(r.outbox.enqueue([{ topic: 't', payload: {}, idempotencyKey: 'k'.repeat(513) }]), 'invalid_argument');
    expect(await r.timeline.count(incidentId)).to.equal(1);
  });

  it('treats idempotency keys as exact: keys differing only in case are two events', async () => {
    const { repositories: r } = store();
    const incidentId = newId('inc');
    expect(await r.timeline.append(entry(incidentId, { idempotencyKey: 'slack:Ev0ABC' }))).to.equal(true);
    expect(await r.timeline.append(entry(incidentId, { idempotencyKey: 'slack:ev0abc' }))).to.equal(true);
  });

  it('keeps a 40,000-character message in CJK and emoji whole (over 100 KB in UTF-8)', async () => {
    const { repositories: r } = store();
    const text = '決'.repeat(30_000) + '🚨'.repeat(5_000);
    const long = entry(newId('inc'), { text });
    await r.timeline.append(long);
    expect((await r.timeline.findByKey(long.idempotencyKey))!.text).to.equal(text);
  });

  it('returns copies: mutating a returned entry does not change the stored one', async () => {
    const { repositories: r } = store();
    const e = entry(newId('inc'), { data: { labels: { a: '1' } } });
    await r.timeline.append(e);
    const found = (await r.timeline.findByKey(e.idempotencyKey))!;
    (found.data as { labels: Record<string, string> }).labels.a = 'changed';
    expect((await r.timeline.findByKey(e.idempotencyKey))!.data).to.deep.equal({ labels: { a: '1' } });
  });
}
