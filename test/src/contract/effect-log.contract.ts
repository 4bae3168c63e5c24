import { expect } from 'chai';
import type { StoreUnderTest } from './harnesses';

/** The effect log of the outbox port: the same cases against the in-memory, SQLite and MariaDB stores. */
export function effectLogContract(store: () => StoreUnderTest): void {
  it('knows nothing of a step that never began', async () => {
    expect(await store().repositories.outbox.effect('room:never')).to.equal(undefined);
  });

  it('counts each begin, keeps when the first began, and returns the result once completed', async () => {
    const { repositories: r } = store();
    const first = await r.outbox.beginEffect('room:inc-1');
    expect(first).to.deep.include({ effectKey: 'room:inc-1', begins: 1 });
    expect(first.result).to.equal(undefined);
    const second = await r.outbox.beginEffect('room:inc-1');
    expect(second.begins, 'a second begin without a result means the first may have done it').to.equal(2);
    expect(second.begunAt.getTime()).to.equal(first.begunAt.getTime());
    const result = { platform: 'slack', conversationId: 'C1', name: 'inc-1-ünïcødé ✓', nested: { list: [1, 'two', null] } };
    await r.outbox.completeEffect('room:inc-1', result);
    const read = await r.outbox.effect('room:inc-1');
    expect(read?.result).to.deep.equal(result);
    expect(read?.begins).to.equal(2);
  });

  it('keeps keys apart exactly, however long, and a redelivered complete changes nothing', async () => {
    const { repositories: r } = store();
    const long = (tail: string) => `post:${'x'.repeat(700)}${tail}`;
    await r.outbox.beginEffect(long('a'));
    await r.outbox.beginEffect(long('b'));
    await r.outbox.beginEffect('Post:1');
    await r.outbox.completeEffect(long('a'), { ts: '1.1' });
    await r.outbox.completeEffect(long('a'), { ts: '1.1' });
    expect((await r.outbox.effect(long('a')))?.result).to.deep.equal({ ts: '1.1' });
    expect((await r.outbox.effect(long('b')))?.result).to.equal(undefined);
    expect(await r.outbox.effect('post:1'), 'keys compare case-sensitively').to.equal(undefined);
  });

  it('is written in the caller\'s transaction: a unit of work that rolls back takes its begins with it', async () => {
    const { repositories: r, unitOfWork } = store();
    await r.outbox.beginEffect('kept');
    await unitOfWork.run(async (tx) => {
      await tx.outbox.beginEffect('rolled-back');
      throw new Error('boom');
    }).catch(() => undefined);
    expect(await r.outbox.effect('kept')).to.not.equal(undefined);
    expect(await r.outbox.effect('rolled-back')).to.equal(undefined);
  });
}
