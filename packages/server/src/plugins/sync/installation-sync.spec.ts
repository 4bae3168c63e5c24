import { expect } from 'chai';
import { installationRevision } from '../runtime/installation-revision';
import { parseNotice } from './installation-notices';
import { InstallationReconciler } from './installation-reconciler';

const row = (config: Record<string, unknown>, sealedSecrets?: string) => ({
  installationId: 'inst-1', installedFrom: { platform: 'slack' as const, workspaceId: 'T0ACME' }, enabled: true, config, ...(sealedSecrets && { sealedSecrets }),
});

describe('plugin installation sync: revisions, notices and one change at a time', () => {
  it('gives one revision to the same content whatever the key order (MySQL reorders JSON keys), and another to any change', () => {
    const base = installationRevision(row({ team: 'payments', routes: { b: '2', a: '1' }, threshold: 5 }, 'v1.a.b.c'));
    expect(installationRevision(row({ threshold: 5, routes: { a: '1', b: '2' }, team: 'payments' }, 'v1.a.b.c'))).to.equal(base);
    expect(installationRevision(row({ team: 'payments', routes: { b: '2', a: '1' }, threshold: 5, gone: undefined }, 'v1.a.b.c')), 'an undefined member is absent').to.equal(base);
    // Two changes in one second: updatedAt alone (whole seconds in MySQL) would call them equal.
    expect(installationRevision(row({ team: 'payments', routes: { b: '2', a: '1' }, threshold: 6 }, 'v1.a.b.c'))).not.to.equal(base);
    expect(installationRevision(row({ team: 'payments', routes: { b: '2', a: '1' }, threshold: 5 }, 'v1.x.y.z')), 'a new secret').not.to.equal(base);
    expect(installationRevision({ ...row({ team: 'payments', routes: { b: '2', a: '1' }, threshold: 5 }, 'v1.a.b.c'), installationId: 'inst-2' })).not.to.equal(base);
  });

  it('reads only well-formed notices and ignores anything else on the channel', () => {
    expect(parseNotice('{"pluginId":"grafana","tenantId":"acme"}')).to.deep.equal({ pluginId: 'grafana', tenantId: 'acme' });
    expect(parseNotice('{"pluginId":"grafana","tenantId":"acme","extra":"kept out"}')).to.deep.equal({ pluginId: 'grafana', tenantId: 'acme' });
    for (const text of ['', 'not json', 'null', '[]', '{"pluginId":"grafana"}', '{"pluginId":"","tenantId":"acme"}', '{"pluginId":1,"tenantId":"acme"}']) {
      expect(parseNotice(text), text).to.equal(undefined);
    }
  });

  it('runs changes one after another in arrival order, and a failed one does not stop those behind it', async () => {
    // exclusive() needs none of the reconciler's parts.
    const reconciler = new InstallationReconciler({} as ConstructorParameters<typeof InstallationReconciler>[0]);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const first = reconciler.exclusive(async () => { order.push('first:start'); await gate; order.push('first:end'); });
    const failing = reconciler.exclusive(async () => { order.push('failing'); throw new Error('the database is gone'); });
    const third = reconciler.exclusive(async () => { order.push('third'); return 3; });
    await Promise.resolve();
    expect(order, 'nothing overtakes a change under way').to.deep.equal(['first:start']);
    release();
    await first;
    expect(await failing.then(() => 'resolved', (e: Error) => e.message)).to.equal('the database is gone');
    expect(await third).to.equal(3);
    expect(order).to.deep.equal(['first:start', 'first:end', 'failing', 'third']);
  });
});
