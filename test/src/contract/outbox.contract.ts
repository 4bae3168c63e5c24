import { expect } from 'chai';
import type { NewOutboxMessage } from '@muster/core';
import { expectMusterError, minutesAfter, T0 } from './fixtures';
import type { StoreUnderTest } from './harnesses';

const message = (key: string, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  topic: 'card.refresh', payload: { incidentId: 'inc-1', note: 'ünïcødé ✓', nested: { list: [1, 'two', null] } }, idempotencyKey: key, ...extra,
});
const LEASE = 30_000;
const later = (ms: number) => new Date(T0.getTime() + ms);

export function outboxContract(store: () => StoreUnderTest, can: { multiInstance: boolean }): void {
  it('enqueues each idempotency key once and counts what is left to do', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('k1'), message('k2'), message('k3')]);
    await r.outbox.enqueue([message('k2', { topic: 'other' }), message('k4')]);
    expect(await r.outbox.depth()).to.equal(4);
    // No availableAt: due at once, by the store's clock.
    const claimed = await r.outbox.claimDue(new Date(Date.now() + 1000), 10, LEASE);
    expect(claimed.map((m) => m.idempotencyKey)).to.deep.equal(['k1', 'k2', 'k3', 'k4']);
    expect(claimed[1]!.topic).to.equal('card.refresh');
  });

  it('does not count a timer set for later as work left to do until it falls due; a retry waiting is counted', async () => {
    const { repositories: r } = store();
    const inAnHour = new Date(Date.now() + 3_600_000);
    await r.outbox.enqueue([message('timer', { availableAt: inAnHour }), message('now')]);
    expect(await r.outbox.depth(), 'the timer is scheduled, not a backlog').to.equal(1);
    const [claimed] = await r.outbox.claimDue(new Date(Date.now() + 1000), 10, LEASE);
    expect(claimed!.idempotencyKey).to.equal('now');
    await r.outbox.fail(claimed!.id, 'boom', inAnHour);
    expect(await r.outbox.depth(), 'the retry waiting an hour still counts').to.equal(1);
    expect((await r.outbox.claimDue(new Date(inAnHour.getTime() + 1000), 10, LEASE)).map((m) => m.idempotencyKey).sort()).to.deep.equal(['now', 'timer']);
  });

  it('hands out due messages oldest first with their payload, counting the claim as an attempt', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('late', { availableAt: later(5_000) }), message('early', { availableAt: later(-5_000) }), message('future', { availableAt: later(60_000) })]);
    const claimed = await r.outbox.claimDue(later(10_000), 10, LEASE);
    expect(claimed.map((m) => m.idempotencyKey)).to.deep.equal(['early', 'late']);
    expect(claimed[0]!.payload).to.deep.equal({ incidentId: 'inc-1', note: 'ünïcødé ✓', nested: { list: [1, 'two', null] } });
    expect(claimed[0]!.attempts).to.equal(1);
    expect(claimed[0]!.availableAt).to.deep.equal(later(-5_000));
    expect(claimed[0]!.createdAt).to.be.instanceOf(Date);
    expect(claimed[0]!.lastError).to.equal(undefined);
  });

  it('does not hand a leased message out again before its lease ends', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('leased', { availableAt: T0 })]);
    expect(await r.outbox.claimDue(later(0), 10, LEASE)).to.have.length(1);
    expect(await r.outbox.claimDue(later(LEASE - 1), 10, LEASE)).to.deep.equal([]);
    const again = await r.outbox.claimDue(later(LEASE), 10, LEASE);
    expect(again.map((m) => [m.idempotencyKey, m.attempts])).to.deep.equal([['leased', 2]]);
  });

  it('claims at most `limit` messages', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue(Array.from({ length: 5 }, (_, i) => message(`m${i}`, { availableAt: T0 })));
    expect(await r.outbox.claimDue(later(0), 2, LEASE)).to.have.length(2);
    expect(await r.outbox.claimDue(later(0), 10, LEASE)).to.have.length(3);
  });

  it('forgets completed messages', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('done', { availableAt: T0 }), message('pending', { availableAt: T0 })]);
    const [first] = await r.outbox.claimDue(later(0), 1, LEASE);
    await r.outbox.complete(first!.id);
    await r.outbox.complete(first!.id);
    expect(await r.outbox.depth()).to.equal(1);
    expect((await r.outbox.claimDue(later(LEASE * 10), 10, LEASE)).map((m) => m.idempotencyKey)).to.deep.equal(['pending']);
  });

  it('retries a failed message no sooner than asked, keeping the error', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('flaky', { availableAt: T0 })]);
    const [claimed] = await r.outbox.claimDue(later(0), 1, LEASE);
    await r.outbox.fail(claimed!.id, 'HTTP 503 from chat.postMessage', later(120_000));
    expect(await r.outbox.claimDue(later(119_999), 10, LEASE)).to.deep.equal([]);
    expect(await r.outbox.depth()).to.equal(1);
    const [retried] = await r.outbox.claimDue(later(120_000), 10, LEASE);
    expect(retried!.attempts).to.equal(2);
    expect(retried!.lastError).to.equal('HTTP 503 from chat.postMessage');
    expect(retried!.availableAt).to.deep.equal(later(120_000));
  });

  it('dead-letters a message that fails without a retry time', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('poison', { availableAt: T0 }), message('fine', { availableAt: T0 })]);
    const [poison] = await r.outbox.claimDue(later(0), 1, LEASE);
    await r.outbox.fail(poison!.id, 'invalid_blocks', undefined);
    expect(await r.outbox.depth()).to.equal(1);
    const dead = await r.outbox.deadLetters(10);
    expect(dead.map((m) => [m.idempotencyKey, m.lastError, m.attempts])).to.deep.equal([['poison', 'invalid_blocks', 1]]);
    expect((await r.outbox.claimDue(minutesAfter(T0, 600), 10, LEASE)).map((m) => m.idempotencyKey)).to.deep.equal(['fine']);
    expect(await r.outbox.deadLetters(0)).to.deep.equal([]);
  });

  it('counts dead letters and releases leases of unfinished work for a restart', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('dead', { availableAt: T0 }), message('leased', { availableAt: T0 }), message('done', { availableAt: T0 })]);
    const [dead, leased, done] = await r.outbox.claimDue(later(0), 3, LEASE);
    await r.outbox.fail(dead!.id, 'gone', undefined);
    await r.outbox.complete(done!.id);
    expect(await r.outbox.deadLetterCount()).to.equal(1);
    expect(await r.outbox.claimDue(later(1), 10, LEASE), 'still leased').to.deep.equal([]);
    expect(await r.outbox.releaseLeases()).to.equal(1);
    const resumed = await r.outbox.claimDue(later(1), 10, LEASE);
    expect(resumed.map((m) => [m.id, m.attempts])).to.deep.equal([[leased!.id, 2]]);
  });

  it('renews the lease of a claim only while the message is unfinished and still at that claim', async () => {
    const { repositories: r } = store();
    await r.outbox.enqueue([message('renewed', { availableAt: T0 }), message('finished', { availableAt: T0 }), message('given-up', { availableAt: T0 })]);
    const [renewed, finished, givenUp] = await r.outbox.claimDue(later(0), 3, LEASE);
    await r.outbox.complete(finished!.id);
    await r.outbox.fail(givenUp!.id, 'gone', undefined);
    expect(await r.outbox.renewLease(finished!.id, 1, later(LEASE * 10)), 'done').to.equal(false);
    expect(await r.outbox.renewLease(givenUp!.id, 1, later(LEASE * 10)), 'dead').to.equal(false);
    expect(await r.outbox.renewLease('999999', 1, later(0)), 'unknown').to.equal(false);
    expect(await r.outbox.renewLease(renewed!.id, 1, later(LEASE * 4))).to.equal(true);
    // The longer lease holds: the relay's short one running out does not hand the message out again.
    expect(await r.outbox.claimDue(later(LEASE * 2), 10, LEASE)).to.deep.equal([]);
    expect((await r.outbox.claimDue(later(LEASE * 4), 10, LEASE)).map((m) => [m.idempotencyKey, m.attempts])).to.deep.equal([['renewed', 2]]);
    // Claimed again since (attempt 2): the job of attempt 1 is stale and must neither run nor move the lease.
    expect(await r.outbox.renewLease(renewed!.id, 1, later(LEASE * 10))).to.equal(false);
    expect(await r.outbox.claimDue(later(LEASE * 5 - 1), 10, LEASE), 'attempt 2 still leased').to.deep.equal([]);
    expect(await r.outbox.renewLease(renewed!.id, 2, later(LEASE * 10))).to.equal(true);
  });

  it('refuses to complete or fail a message that does not exist', async () => {
    const { repositories: r } = store();
    await expectMusterError(r.outbox.complete('999999'), 'not_found');
    await expectMusterError(r.outbox.fail('999999', 'x', undefined), 'not_found');
  });

  // SQLite is one process owning one file: there is no second instance to race with.
  if (can.multiInstance) it('gives concurrent claimers (two instances) disjoint messages', async () => {
    const { repositories: r, sibling } = store();
    const other = await sibling!();
    await r.outbox.enqueue(Array.from({ length: 40 }, (_, i) => message(`c${i}`, { availableAt: T0 })));
    const batches = await Promise.all([
      ...Array.from({ length: 4 }, () => r.outbox.claimDue(later(0), 10, LEASE)),
      ...Array.from({ length: 4 }, () => other.repositories.outbox.claimDue(later(0), 10, LEASE)),
    ]);
    const keys = batches.flat().map((m) => m.idempotencyKey);
    expect(keys).to.have.length(40);
    expect(new Set(keys).size).to.equal(40);
  });
}
