import { expect } from 'chai';
import type { AlertGroupRef } from '@muster/core';
import { expectMusterError, minutesAfter, newId, settle, T0 } from './fixtures';
import type { Harness, StoreUnderTest } from './harnesses';

const group = (overrides: Partial<AlertGroupRef> = {}): AlertGroupRef => ({
  tenantId: 'acme', pluginId: 'alertmanager', installationId: 'config', groupKey: `{}:{alertname="${newId('HighErrorRate')}"}`, ...overrides,
});

class PlannedFailure extends Error {}

/** Which incident each alert group declared: one link per group, changed only by whoever saw the current one. */
export function alertGroupContract(store: () => StoreUnderTest, harness: Harness): void {
  it('links a group to an incident and finds it again exactly; an unknown group has no link', async () => {
    const { repositories: r } = store();
    const g = group();
    expect(await r.alertGroups.find(g)).to.equal(undefined);
    await r.alertGroups.link(g, 'inc-1', T0, undefined);
    expect(await r.alertGroups.find(g)).to.deep.equal({ ...g, incidentId: 'inc-1', linkedAt: T0 });
    expect(await r.alertGroups.find({ ...g, groupKey: `${g.groupKey} ` })).to.equal(undefined);
  });

  it('keeps groups apart by every part, whatever characters the parts hold', async () => {
    const { repositories: r } = store();
    const base = group({ tenantId: 'a', pluginId: 'b', installationId: 'c', groupKey: 'd' });
    const lookalikes: AlertGroupRef[] = [
      { ...base, tenantId: 'a:b' }, { ...base, pluginId: 'grafana' }, { ...base, installationId: 'inst-2' }, { ...base, groupKey: 'D' },
      { ...base, tenantId: 'a","b' }, { ...base, groupKey: 'd\u0000' }, { ...base, pluginId: 'b:c', installationId: 'c' },
    ];
    await r.alertGroups.link(base, 'inc-base', T0, undefined);
    for (const [i, g] of lookalikes.entries()) {
      expect(await r.alertGroups.find(g), JSON.stringify(g)).to.equal(undefined);
      await r.alertGroups.link(g, `inc-${i}`, T0, undefined);
    }
    expect((await r.alertGroups.find(base))!.incidentId).to.equal('inc-base');
  });

  it('keeps a long group key with every script intact', async () => {
    const { repositories: r } = store();
    const g = group({ groupKey: `{}/{severity="critical"}:{alertname="Ünïcödé ✓ 😀", ${'cluster="prod-eu-west-1", '.repeat(150)}}` });
    await r.alertGroups.link(g, 'inc-long', T0, undefined);
    expect((await r.alertGroups.find(g))!.groupKey).to.equal(g.groupKey);
  });

  it('refuses a second first link with `conflict`, and a relink from a link that is no longer current', async () => {
    const { repositories: r } = store();
    const g = group();
    await r.alertGroups.link(g, 'inc-1', T0, undefined);
    await expectMusterError(r.alertGroups.link(g, 'inc-2', T0, undefined), 'conflict');
    await r.alertGroups.link(g, 'inc-2', minutesAfter(T0, 5), 'inc-1');
    await expectMusterError(r.alertGroups.link(g, 'inc-3', minutesAfter(T0, 6), 'inc-1'), 'conflict');
    expect(await r.alertGroups.find(g)).to.deep.include({ incidentId: 'inc-2', linkedAt: minutesAfter(T0, 5) });
    await expectMusterError(r.alertGroups.link(group(), 'inc-9', T0, 'inc-8'), 'conflict');
  });

  it('refuses ids wider than the columns, and an empty group key, storing nothing', async () => {
    const { repositories: r } = store();
    for (const bad of [group({ tenantId: 't'.repeat(192) }), group({ pluginId: 'p'.repeat(129) }), group({ installationId: 'i'.repeat(192) }), group({ groupKey: '' })]) {
      await expectMusterError(r.alertGroups.link(bad, 'inc-1', T0, undefined), 'invalid_argument');
      expect(await r.alertGroups.find(bad)).to.equal(undefined);
    }
    await expectMusterError(r.alertGroups.link(group(), 'x'.repeat(65), T0, undefined), 'invalid_argument');
  });

  it('rolls a link back with the unit of work that made it', async () => {
    const { repositories: r, unitOfWork } = store();
    const g = group();
    const failure = new PlannedFailure('the declaration failed after the link');
    const outcome = await unitOfWork.run(async (tx) => {
      await tx.alertGroups.link(g, 'inc-1', T0, undefined);
      expect((await tx.alertGroups.find(g))!.incidentId, 'seen inside its own unit').to.equal('inc-1');
      throw failure;
    }).then(() => undefined, (e: unknown) => e);
    expect(outcome).to.equal(failure);
    expect(await r.alertGroups.find(g)).to.equal(undefined);
  });

  it('lets exactly one of many concurrent first links win, on one instance and across instances', async () => {
    const g = group();
    const instances = [store(), ...(harness.multiInstance ? [await store().sibling!()] : [])];
    const outcomes = await settle(Array.from({ length: 8 }, (_, i) =>
      instances[i % instances.length]!.unitOfWork.run((tx) => tx.alertGroups.link(g, `inc-${i}`, T0, undefined))));
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
    expect(won).to.have.length(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code?: string }).code).to.equal('conflict');
    expect((await store().repositories.alertGroups.find(g))!.incidentId).to.equal(`inc-${won[0]}`);
  });
}
