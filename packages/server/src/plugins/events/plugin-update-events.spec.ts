import { expect } from 'chai';
import {
  approveStatusUpdate, draftStatusUpdate, Incident, markStatusUpdatePublished, rejectStatusUpdate, SeverityCatalog,
  type Logger, type OutboxMessage, type PersonRef, type StatusUpdate,
} from '@muster/core';
import { createInMemoryStore } from '@muster/core/testing';
import type { PluginEventHandler as Handler, PluginEventName, PluginEvents } from '@muster/plugin-sdk';
import type { PluginHealthRepository } from '@muster/store';
import { ServerMetrics } from '../../metrics/server-metrics';
import { SecretRedactor } from '../context/secret-redactor';
import { PluginGuard } from '../guard/plugin-guard';
import { PluginHealthBook } from '../guard/plugin-health-book';
import { DEFAULT_PLUGIN_TIMEOUTS } from '../guard/plugin-timeouts';
import type { ActiveInstallation } from '../runtime/installation';
import type { PluginHost } from '../runtime/plugin-host';
import { PluginEventHandler } from './plugin-event-handler';
import { PluginEventSubscriber, type PluginEventPayload } from './plugin-event-subscriber';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const AT = new Date('2026-03-01T10:00:00Z');
const ANA: PersonRef = { platform: 'slack', id: 'U0ANA', name: 'ana' };

/** An installation as the host keeps it, listening to the given events. */
function installation(pluginId: string, tenantId: string, events: Partial<Record<PluginEventName, Handler<PluginEventName>>>): ActiveInstallation {
  return {
    state: 'active', ports: {}, commands: [], redactor: new SecretRedactor([]), context: {} as ActiveInstallation['context'],
    spec: { definition: { id: pluginId, name: pluginId } as ActiveInstallation['spec']['definition'], installationId: 'config', tenantId, source: 'config', rawConfig: {}, config: {}, secrets: {} },
    subscriptions: new Map(Object.entries(events) as [PluginEventName, Handler<PluginEventName>][]),
  };
}

/** The part of the host the subscriber and handler read: which installations run. */
const hostOf = (installations: ActiveInstallation[]) => ({
  active: () => installations,
  activeInstallation: (pluginId: string, installationId: string) => installations.find((i) => i.spec.definition.id === pluginId && i.spec.installationId === installationId),
}) as unknown as PluginHost;

const declare = (id: string, number = 1, tenantId = 'default') => Incident.declare({ id, tenantId, number, title: 'Checkout errors', severity: 'SEV2', declaredBy: ANA, source: 'slack', at: AT }, new SeverityCatalog());
const draftOf = (incident: Incident, id = 'upd-1'): StatusUpdate => draftStatusUpdate({ id, incidentId: incident.id, audience: 'external', body: 'Card payments fail in the EU.', author: { kind: 'person', person: ANA }, at: AT });
const published = (update: StatusUpdate) => markStatusUpdatePublished(approveStatusUpdate(update, ANA, AT), [{ kind: 'slack', name: '#stakeholders' }], AT);

describe('plugin host: update.published', () => {
  describe('PluginEventSubscriber', () => {
    it('asks one delivery per listening installation of the incident\'s tenant, keyed by the update alone', () => {
      const heard = () => undefined;
      const subscriber = new PluginEventSubscriber(hostOf([
        installation('status', 'default', { 'update.published': heard }),
        installation('other-tenant', 'acme', { 'update.published': heard }),
        installation('deaf', 'default', { 'incident.declared': heard }),
      ]));
      const incident = declare('inc-1');
      const update = published(draftOf(incident));
      const once = subscriber.effectsOfUpdate({ type: 'update_published', at: AT, update }, incident, AT);
      expect(once.map((m) => m.idempotencyKey)).to.deep.equal(['plugin.event:status:config:update.published:update:upd-1:published']);
      expect(once[0]!.payload).to.deep.equal({ pluginId: 'status', installationId: 'config', event: 'update.published', incidentId: 'inc-1', detail: { updateId: 'upd-1' } });
      const again = subscriber.effectsOfUpdate({ type: 'update_published', at: new Date(AT.getTime() + 60_000), update }, incident, AT);
      expect(again.map((m) => m.idempotencyKey), 'the same publication asked again is the same message').to.deep.equal(once.map((m) => m.idempotencyKey));
    });
  });

  describe('PluginEventHandler', () => {
    async function setUp() {
      const store = createInMemoryStore();
      const heard: PluginEvents['update.published'][] = [];
      const listen: Handler<'update.published'> = (event) => { heard.push(event); };
      const host = hostOf([installation('status', 'default', { 'update.published': listen as Handler<PluginEventName> })]);
      const health = { recordSuccess: async () => undefined, recordFailure: async () => undefined, find: async () => ({}), remove: async () => undefined };
      const guard = new PluginGuard({
        timeouts: DEFAULT_PLUGIN_TIMEOUTS, health: new PluginHealthBook(health as unknown as PluginHealthRepository, silent), metrics: new ServerMetrics(),
        timeline: store.repositories.timeline, clock: { now: () => AT }, ids: { newId: () => 'id' }, logger: silent,
      });
      const handler = new PluginEventHandler({ host, guard, repos: store.repositories, logger: silent, eventTimeoutMs: 1_000 });
      const incident = declare('inc-1');
      await store.repositories.incidents.save(incident);
      let n = 0;
      const deliver = (updateId: string, incidentId = incident.id) => {
        const payload: PluginEventPayload = { pluginId: 'status', installationId: 'config', event: 'update.published', incidentId, detail: { updateId } };
        const message: OutboxMessage = { id: String(++n), topic: 'plugin.event', payload: payload as unknown as Record<string, unknown>, idempotencyKey: `key-${n}`, attempts: 1, availableAt: AT, createdAt: AT };
        return handler.handle(payload, message);
      };
      return { store, heard, incident, deliver };
    }

    it('hands the plugin the update as published: audience, body, id, and the incident', async () => {
      const { store, heard, incident, deliver } = await setUp();
      const update = await store.repositories.statusUpdates.save(published(draftOf(incident)));
      await deliver(update.id);
      expect(heard).to.have.length(1);
      expect(heard[0]).to.deep.include({ audience: 'external', body: 'Card payments fail in the EU.', updateId: update.id });
      expect(heard[0]!.incident).to.deep.include({ id: incident.id, reference: 'INC-1', title: 'Checkout errors' });
    });

    it('never hands over an update that is not published, nor one of another incident, nor one that does not exist', async () => {
      const { store, heard, incident, deliver } = await setUp();
      const pending = await store.repositories.statusUpdates.save(draftOf(incident, 'pending'));
      const approved = await store.repositories.statusUpdates.save(approveStatusUpdate(draftOf(incident, 'approved'), ANA, AT));
      const rejected = await store.repositories.statusUpdates.save(rejectStatusUpdate(draftOf(incident, 'rejected'), ANA, AT, 'wrong numbers'));
      const elsewhere = declare('inc-2', 2);
      await store.repositories.incidents.save(elsewhere);
      const theirs = await store.repositories.statusUpdates.save(published(draftOf(elsewhere, 'theirs')));
      for (const id of [pending.id, approved.id, rejected.id, 'nonexistent', '']) await deliver(id);
      await deliver(theirs.id, incident.id);
      expect(heard).to.deep.equal([]);
    });
  });
});
