import { expect } from 'chai';
import type { Service } from '@muster/core';
import { ada, expectMusterError, grace, newId, plain } from './fixtures';
import type { StoreUnderTest } from './harnesses';

const service = (name: string, extra: Partial<Service> = {}): Service => ({
  id: newId('svc'), tenantId: 'acme', name, description: `The ${name} service`, owners: [ada, { email: 'owner@acme.example' }],
  subjectMatterExperts: [grace, { platform: 'slack', id: 'U0SRE' }], runbooks: [{ title: 'Restart', url: 'https://runbooks.example.com/restart' }],
  integrations: { pagerduty: 'PABC123', jira: 'OPS' }, runbookFile: 'runbooks/checkout.md', public: true, origin: 'config', ...extra,
});

/** The service catalogue: per tenant, names unique ignoring case, every field intact. */
export function servicesContract(store: () => StoreUnderTest): void {
  it('saves, renames and lists a tenant\'s services by name, every field intact', async () => {
    const { repositories: r } = store();
    const payments = service('payments');
    await r.services.save(service('search', { runbookFile: undefined, integrations: {}, public: false, origin: 'api', owners: [] }));
    await r.services.save(payments);
    expect(plain(await r.services.findByName('acme', 'payments'))).to.deep.equal(plain(payments));
    const renamed = { ...payments, name: 'billing', owners: [] };
    await r.services.save(renamed);
    expect(await r.services.findByName('acme', 'payments')).to.equal(undefined);
    expect((await r.services.list('acme')).map((s) => s.name)).to.deep.equal(['billing', 'search']);
    expect(plain(await r.services.findByName('acme', 'billing'))).to.deep.equal(plain(renamed));
    const search = (await r.services.findByName('acme', 'search'))!;
    expect(search.runbookFile).to.equal(undefined);
    expect(search.public).to.equal(false);
    expect(search.integrations).to.deep.equal({});
  });

  it('finds a service ignoring case, and refuses a second one whose name differs only in case', async () => {
    const { repositories: r } = store();
    await r.services.save(service('Checkout'));
    expect((await r.services.findByName('acme', 'checkout'))?.name).to.equal('Checkout');
    expect((await r.services.findByName('acme', ' CHECKOUT '))?.name).to.equal('Checkout');
    await expectMusterError(r.services.save(service('checkout')), 'duplicate');
    await expectMusterError(r.services.save(service('Checkout')), 'duplicate');
    expect(await r.services.list('acme')).to.have.length(1);
  });

  it('keeps tenants apart: B never reads, lists or removes A\'s service, and both may use the same name', async () => {
    const { repositories: r } = store();
    const a = service('checkout', { tenantId: 'tenant-a', owners: [{ email: 'a@a.example' }] });
    const b = service('checkout', { tenantId: 'tenant-b', owners: [{ email: 'b@b.example' }] });
    await r.services.save(a);
    expect(await r.services.findByName('tenant-b', 'checkout')).to.equal(undefined);
    expect(await r.services.list('tenant-b')).to.deep.equal([]);
    expect(await r.services.remove('tenant-b', 'checkout')).to.equal(false);
    await r.services.save(b);
    expect((await r.services.findByName('tenant-a', 'checkout'))?.owners).to.deep.equal([{ email: 'a@a.example' }]);
    expect((await r.services.findByName('tenant-b', 'checkout'))?.owners).to.deep.equal([{ email: 'b@b.example' }]);
    expect(await r.services.remove('tenant-a', 'CHECKOUT')).to.equal(true);
    expect(await r.services.findByName('tenant-a', 'checkout')).to.equal(undefined);
    expect((await r.services.findByName('tenant-b', 'checkout'))?.id).to.equal(b.id);
  });

  it('removes inside a unit of work that rolls back: the service is still there', async () => {
    const { repositories: r, unitOfWork } = store();
    await r.services.save(service('checkout'));
    const failure = await unitOfWork.run(async (tx) => {
      expect(await tx.services.remove('acme', 'checkout')).to.equal(true);
      throw new Error('crash after the delete');
    }).then(() => undefined, (error: unknown) => error as Error);
    expect(failure?.message).to.equal('crash after the delete');
    expect((await r.services.findByName('acme', 'checkout'))?.name).to.equal('checkout');
  });
}
