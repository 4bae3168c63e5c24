import { expect } from 'chai';
import type { Incident } from '@muster/core';
import { ada, declare, expectMusterError, grace, linus, minutesAfter, plain, roles, severities, settle, T0 } from './fixtures';
import type { StoreUnderTest } from './harnesses';

/** A fully populated incident: every field of the state has a value worth checking. */
function richIncident(number: number): Incident {
  const incident = declare(number, {
    title: '💥 Checkout 決済 failing for EU customers',
    summary: 'Payments time out after the 10:00 deploy.',
    services: ['checkout', 'payments'],
    private: true,
    detectedAt: minutesAfter(T0, -12),
    declarerTakesCommand: true,
  });
  incident.assignRole('sme', grace, ada, minutesAfter(T0, 1), roles);
  incident.assignRole('sme', linus, ada, minutesAfter(T0, 2), roles);
  incident.linkRoom({ platform: 'slack', workspaceId: 'T0WORK', conversationId: 'C0INC42', name: 'inc-42-checkout', url: 'https://example.slack.com/archives/C0INC42' }, minutesAfter(T0, 1));
  incident.linkRoom({ platform: 'teams', workspaceId: 'tenant-1', conversationId: '19:abc@thread.tacv2' }, minutesAfter(T0, 1));
  incident.addLink('ticket', { title: 'OPS-1234', url: 'https://jira.example.com/browse/OPS-1234' }, ada, minutesAfter(T0, 3));
  incident.transitionTo('mitigated', ada, minutesAfter(T0, 20), 'Rolled back');
  return incident;
}

export function incidentContract(store: () => StoreUnderTest, can: { multiInstance: boolean }): void {
  it('gives back every field of a saved incident, dates to the millisecond', async () => {
    const { repositories: r } = store();
    const incident = richIncident(await r.incidents.nextNumber('default'));
    await r.incidents.save(incident);
    expect(incident.version).to.equal(1);
    const found = await r.incidents.findById(incident.id);
    expect(plain(found!.snapshot())).to.deep.equal(plain(incident.snapshot()));
    expect(found!.snapshot().milestones.detected!.getTime()).to.equal(minutesAfter(T0, -12).getTime());
    expect(found!.isPrivate).to.equal(true);
    expect(found!.holdersOf('sme')).to.deep.equal([grace, linus]);
  });

  it('bumps the version on every save and keeps role changes (a handoff replaces the commander)', async () => {
    const { repositories: r } = store();
    const incident = declare(await r.incidents.nextNumber('default'), { declarerTakesCommand: true });
    await r.incidents.save(incident);
    const loaded = (await r.incidents.findById(incident.id))!;
    loaded.assignRole('commander', grace, ada, minutesAfter(T0, 5), roles);
    await r.incidents.save(loaded);
    expect(loaded.version).to.equal(2);
    const again = (await r.incidents.findById(incident.id))!;
    expect(again.version).to.equal(2);
    expect(again.holdersOf('commander')).to.deep.equal([grace]);
    expect(again.snapshot().roles).to.have.length(1);
  });

  it('refuses a save from a stale copy with `conflict`, naming the incident', async () => {
    const { repositories: r } = store();
    const incident = declare(42);
    await r.incidents.save(incident);
    const first = (await r.incidents.findById(incident.id))!;
    const second = (await r.incidents.findById(incident.id))!;
    first.changeSeverity('SEV1', ada, minutesAfter(T0, 1), severities);
    await r.incidents.save(first);
    second.transitionTo('investigating', grace, minutesAfter(T0, 2));
    const error = await expectMusterError(r.incidents.save(second), 'conflict');
    expect(error.message).to.equal('INC-42 was changed by someone else meanwhile; look at it again and retry.');
    const stored = (await r.incidents.findById(incident.id))!;
    expect(stored.severity).to.equal('SEV1');
    expect(stored.status).to.equal('triage');
  });

  it('refuses to insert a new incident twice (a second never-saved copy is stale too)', async () => {
    const { repositories: r } = store();
    const incident = declare(7);
    await r.incidents.save(incident);
    const twin = declare(7, { id: incident.id });
    await expectMusterError(r.incidents.save(twin), 'conflict');
  });

  it('lets exactly one of two concurrent resolves from two loaded copies win', async () => {
    const { repositories: r, unitOfWork } = store();
    const incident = declare(await r.incidents.nextNumber('default'));
    incident.transitionTo('investigating', ada, minutesAfter(T0, 1));
    await r.incidents.save(incident);
    const copies = await Promise.all([r.incidents.findById(incident.id), r.incidents.findById(incident.id)]);
    const outcomes = await settle(copies.map((copy, i) => unitOfWork.run(async (tx) => {
      copy!.transitionTo('resolved', i === 0 ? ada : grace, minutesAfter(T0, 30 + i));
      await tx.incidents.save(copy!);
    })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).to.have.length(1);
    expect(rejected[0]!.reason).to.have.property('code', 'conflict');
    const stored = (await r.incidents.findById(incident.id))!;
    expect(stored.status).to.equal('resolved');
    expect(stored.version).to.equal(2);
  });

  it('hands out unique incident numbers to 20 concurrent callers', async () => {
    const { repositories: r, unitOfWork } = store();
    const numbers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? r.incidents.nextNumber('default') : unitOfWork.run((tx) => tx.incidents.nextNumber('default'))));
    expect(new Set(numbers).size).to.equal(20);
    expect(Math.min(...numbers)).to.be.greaterThan(0);
  });

  if (can.multiInstance) {
    it('keeps numbers unique and resolves single-winner across two instances sharing the database', async () => {
      const { repositories: r, unitOfWork, sibling } = store();
      const other = await sibling!();
      const numbers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? unitOfWork : other.unitOfWork).run((tx) => tx.incidents.nextNumber('default'))));
      expect(new Set(numbers).size).to.equal(20);
      const incident = declare(Math.max(...numbers) + 1);
      await r.incidents.save(incident);
      const copies = [(await r.incidents.findById(incident.id))!, (await other.repositories.incidents.findById(incident.id))!];
      const outcomes = await settle(copies.map((copy, i) => (i === 0 ? unitOfWork : other.unitOfWork).run(async (tx) => {
        copy.transitionTo('resolved', ada, minutesAfter(T0, 30));
        await tx.incidents.save(copy);
      })));
      expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).to.have.property('code', 'conflict');
    });
  }

  it('finds incidents by number and by room, and answers undefined for unknown ones', async () => {
    const { repositories: r } = store();
    const incident = richIncident(await r.incidents.nextNumber('default'));
    await r.incidents.save(incident);
    expect((await r.incidents.findByNumber('default', incident.snapshot().number))!.id).to.equal(incident.id);
    expect((await r.incidents.findByRoom({ platform: 'slack', workspaceId: 'T0WORK', conversationId: 'C0INC42' }))!.id).to.equal(incident.id);
    expect((await r.incidents.findByRoom({ platform: 'teams', workspaceId: 'tenant-1', conversationId: '19:abc@thread.tacv2' }))!.id).to.equal(incident.id);
    expect(await r.incidents.findByRoom({ platform: 'slack', workspaceId: 'T0OTHER', conversationId: 'C0INC42' })).to.equal(undefined);
    expect(await r.incidents.findByRoom({ platform: 'slack', workspaceId: 'T0WORK', conversationId: 'c0inc42' })).to.equal(undefined);
    expect(await r.incidents.findById('no-such-incident')).to.equal(undefined);
    expect(await r.incidents.findByNumber('default', 99_999)).to.equal(undefined);
  });

  it('follows a room that moved to another incident', async () => {
    const { repositories: r } = store();
    const room = { platform: 'slack' as const, workspaceId: 'T0WORK', conversationId: 'C0REUSED' };
    const older = declare(1);
    older.linkRoom(room, T0);
    await r.incidents.save(older);
    const reloaded = (await r.incidents.findById(older.id))!;
    reloaded.linkRoom({ ...room, conversationId: 'C0NEWROOM' }, minutesAfter(T0, 1));
    await r.incidents.save(reloaded);
    expect(await r.incidents.findByRoom(room)).to.equal(undefined);
    expect((await r.incidents.findByRoom({ ...room, conversationId: 'C0NEWROOM' }))!.id).to.equal(older.id);
  });

  it('lists newest first, filtered by status, severity and privacy, and pages by number', async () => {
    const { repositories: r } = store();
    const specs = [
      { severity: 'SEV1', private: false, to: 'investigating' },
      { severity: 'SEV2', private: true, to: undefined },
      { severity: 'SEV2', private: false, to: 'resolved' },
      { severity: 'SEV3', private: false, to: undefined },
      { severity: 'SEV1', private: true, to: 'resolved' },
    ] as const;
    for (const spec of specs) {
      const incident = declare(await r.incidents.nextNumber('default'), { severity: spec.severity, private: spec.private });
      if (spec.to) incident.transitionTo(spec.to, ada, minutesAfter(T0, 5));
      await r.incidents.save(incident);
    }
    const numbers = (list: Incident[]) => list.map((i) => i.snapshot().number);
    expect(numbers(await r.incidents.list())).to.deep.equal([5, 4, 3, 2, 1]);
    expect(numbers(await r.incidents.list({ statuses: ['resolved'] }))).to.deep.equal([5, 3]);
    expect(numbers(await r.incidents.list({ statuses: ['triage', 'investigating'] }))).to.deep.equal([4, 2, 1]);
    expect(numbers(await r.incidents.list({ severities: ['SEV1'] }))).to.deep.equal([5, 1]);
    expect(numbers(await r.incidents.list({ excludePrivate: true }))).to.deep.equal([4, 3, 1]);
    expect(numbers(await r.incidents.list({ limit: 2 }))).to.deep.equal([5, 4]);
    expect(numbers(await r.incidents.list({ limit: 2, beforeNumber: 4 }))).to.deep.equal([3, 2]);
    expect(numbers(await r.incidents.list({ statuses: [] }))).to.deep.equal([]);
    const withRoles = await r.incidents.list({ severities: ['SEV3'] });
    expect(withRoles[0]!.snapshot().declaredBy).to.deep.equal(ada);
  });

  it('finds incidents by text (title, summary or reference, wildcards taken literally) and by service', async () => {
    const { repositories: r } = store();
    const specs = [
      { title: 'Checkout is failing', summary: 'Payments time out', services: ['checkout', 'payments'] },
      { title: 'Search 100% slow', summary: '', services: ['search'] },
      { title: 'Login broken', summary: 'SSO callback fails after CHECKOUT deploy', services: ['auth'] },
      { title: 'Queue_lag high', summary: '', services: ['checkout-worker'] },
    ];
    for (const spec of specs) await r.incidents.save(declare(await r.incidents.nextNumber('default'), spec));
    const numbers = (list: Incident[]) => list.map((i) => i.snapshot().number);
    expect(numbers(await r.incidents.list({ text: 'checkout' }))).to.deep.equal([3, 1]);
    expect(numbers(await r.incidents.list({ text: '  PAYMENTS ' }))).to.deep.equal([1]);
    expect(numbers(await r.incidents.list({ text: 'inc-2' }))).to.deep.equal([2]);
    expect(numbers(await r.incidents.list({ text: '100%' }))).to.deep.equal([2]);
    expect(numbers(await r.incidents.list({ text: '%' }))).to.deep.equal([2]);
    expect(numbers(await r.incidents.list({ text: 'e_l' }))).to.deep.equal([4]);
    expect(numbers(await r.incidents.list({ text: 'Queue!' }))).to.deep.equal([]);
    expect(numbers(await r.incidents.list({ service: 'checkout' }))).to.deep.equal([1]);
    expect(numbers(await r.incidents.list({ service: 'Checkout-Worker' }))).to.deep.equal([4]);
    expect(numbers(await r.incidents.list({ service: 'check' }))).to.deep.equal([]);
    expect(numbers(await r.incidents.list({ service: 'checkout', text: 'login' }))).to.deep.equal([]);
  });

  it('pages both ways by number and filters by declaration time', async () => {
    const { repositories: r } = store();
    for (let n = 0; n < 5; n++) await r.incidents.save(declare(await r.incidents.nextNumber('default'), { at: minutesAfter(T0, n * 10) }));
    const numbers = (list: Incident[]) => list.map((i) => i.snapshot().number);
    expect(numbers(await r.incidents.list({ afterNumber: 2, limit: 2, oldestFirst: true }))).to.deep.equal([3, 4]);
    expect(numbers(await r.incidents.list({ afterNumber: 2 }))).to.deep.equal([5, 4, 3]);
    expect(numbers(await r.incidents.list({ declaredFrom: minutesAfter(T0, 10), declaredBefore: minutesAfter(T0, 30) }))).to.deep.equal([3, 2]);
  });

  it('counts incidents by status and severity', async () => {
    const { repositories: r } = store();
    for (const severity of ['SEV1', 'SEV1', 'SEV2']) await r.incidents.save(declare(await r.incidents.nextNumber('default'), { severity }));
    const resolved = declare(await r.incidents.nextNumber('default'), { severity: 'SEV2' });
    resolved.transitionTo('resolved', ada, minutesAfter(T0, 9));
    await r.incidents.save(resolved);
    const counts = await r.incidents.countByStatusAndSeverity();
    const sorted = [...counts].sort((a, b) => `${a.status}${a.severity}`.localeCompare(`${b.status}${b.severity}`));
    expect(sorted).to.deep.equal([
      { status: 'resolved', severity: 'SEV2', count: 1 },
      { status: 'triage', severity: 'SEV1', count: 2 },
      { status: 'triage', severity: 'SEV2', count: 1 },
    ]);
  });

  it('returns copies: changing a loaded incident does not change the stored one until it is saved', async () => {
    const { repositories: r } = store();
    const incident = declare(await r.incidents.nextNumber('default'));
    await r.incidents.save(incident);
    incident.changeSeverity('SEV1', ada, minutesAfter(T0, 1), severities);
    const loaded = (await r.incidents.findById(incident.id))!;
    loaded.transitionTo('investigating', ada, minutesAfter(T0, 2));
    expect((await r.incidents.findById(incident.id))!.severity).to.equal('SEV2');
    expect((await r.incidents.findById(incident.id))!.status).to.equal('triage');
  });
}
