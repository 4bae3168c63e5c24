import { expect } from 'chai';
import { defaultSettings, TenantMap, type Logger, type Service } from '@muster/core';
import { createInMemoryStore } from '@muster/core/testing';
import type { ServiceDefinition } from '../config/service-definitions';
import { syncConfigServices } from './config-services-sync';

const definition = (name: string, extra: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  tenantId: 'default', name, description: '', owners: [], subjectMatterExperts: [], runbooks: [], integrations: {}, public: false, ...extra,
});

describe('loading muster.yaml services: into the catalogue at start', () => {
  const settings = { ...defaultSettings(), tenants: new TenantMap([{ id: 'acme', workspaces: [{ platform: 'slack', workspaceId: 'T0ACME' }] }]) };
  const logs: string[] = [];
  const logger: Logger = { debug: () => {}, info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  let n = 0;
  const ids = () => `svc-${++n}`;

  it('adds, replaces (keeping the id), removes what left the file, and leaves REST-made services alone', async () => {
    const store = createInMemoryStore();
    const services = store.repositories.services;
    const api: Service = { ...definition('ledger'), id: 'api-1', origin: 'api' };
    await services.save(api);
    expect(await syncConfigServices(store.unitOfWork, [definition('checkout'), definition('search', { tenantId: 'acme' })], settings, logger, ids))
      .to.deep.equal({ added: 2, updated: 0, removed: 0 });
    const checkoutId = (await services.findByName('default', 'checkout'))!.id;
    expect(await syncConfigServices(store.unitOfWork, [definition('Checkout', { integrations: { pagerduty: 'P1' } })], settings, logger, ids))
      .to.deep.equal({ added: 0, updated: 1, removed: 1 });
    const checkout = (await services.findByName('default', 'checkout'))!;
    expect(checkout).to.deep.include({ id: checkoutId, name: 'Checkout', integrations: { pagerduty: 'P1' }, origin: 'config' });
    expect(await services.list('acme')).to.deep.equal([]);
    expect(await services.findByName('default', 'ledger')).to.deep.equal(api);
  });

  it('writes nothing when the file has not changed', async () => {
    const store = createInMemoryStore();
    const file = [definition('checkout', { owners: [{ email: 'bo@example.com' }, { platform: 'slack', id: 'U1' }], runbooks: [{ title: 'R', url: 'https://r.example' }] })];
    await syncConfigServices(store.unitOfWork, file, settings, logger, ids);
    expect(await syncConfigServices(store.unitOfWork, file, settings, logger, ids)).to.deep.equal({ added: 0, updated: 0, removed: 0 });
  });

  it('lets the file take over a REST-made service of the same name, and says so', async () => {
    const store = createInMemoryStore();
    await store.repositories.services.save({ ...definition('checkout', { description: 'from the API' }), id: 'api-2', origin: 'api' });
    await syncConfigServices(store.unitOfWork, [definition('CHECKOUT', { description: 'from the file' })], settings, logger, ids);
    expect(await store.repositories.services.findByName('default', 'checkout')).to.deep.include({ id: 'api-2', description: 'from the file', origin: 'config' });
    expect(logs.some((l) => /now defines a service that was made through the REST API/.test(l))).to.equal(true);
  });

  it('changes nothing when one entry cannot be stored: the start fails whole', async () => {
    const store = createInMemoryStore();
    await syncConfigServices(store.unitOfWork, [definition('checkout')], settings, logger, ids);
    const clash = [definition('billing'), definition('payments'), definition('Payments')];
    const failure = await syncConfigServices(store.unitOfWork, clash, settings, logger, ids).then(() => undefined, (e: unknown) => e as Error);
    expect(failure?.message).to.match(/already exists/);
    expect((await store.repositories.services.list('default')).map((s) => s.name)).to.deep.equal(['checkout']);
  });
});
