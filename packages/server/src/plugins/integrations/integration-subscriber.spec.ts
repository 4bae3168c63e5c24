import { expect } from 'chai';
import { Incident, SeverityCatalog, type ActionItem, type PersonRef, type StatusUpdate } from '@muster/core';
import type { CapabilityPorts } from '@muster/plugin-sdk';
import { SecretRedactor } from '../context/secret-redactor';
import type { ActiveInstallation } from '../runtime/installation';
import type { IntegrationCall } from './integration-call';
import { IntegrationSubscriber } from './integration-subscriber';

const AT = new Date('2026-03-01T10:00:00Z');
const ANA: PersonRef = { platform: 'slack', id: 'U0ANA', name: 'ana' };
const SYSTEM = { source: 'slack', platform: 'slack', workspaceId: 'T1' } as const;

/** An installation as the host keeps it, with a stand-in for each port it provides (the subscriber only looks for them). */
function installation(pluginId: string, tenantId: string, capabilities: (keyof CapabilityPorts)[]): ActiveInstallation {
  return {
    state: 'active', commands: [], redactor: new SecretRedactor([]), context: {} as ActiveInstallation['context'], subscriptions: new Map(),
    ports: Object.fromEntries(capabilities.map((c) => [c, {}])) as ActiveInstallation['ports'],
    spec: { definition: { id: pluginId, name: pluginId } as ActiveInstallation['spec']['definition'], installationId: 'config', tenantId, source: 'config', rawConfig: {}, config: {}, secrets: {} },
  };
}

const ALL: (keyof CapabilityPorts)[] = ['paging', 'ticketing', 'conference', 'runbooks', 'status-page', 'notifier'];
const host = (...installations: ActiveInstallation[]) => ({ active: () => installations });
const severities = new SeverityCatalog();
const declare = (severity: string, services: string[], tenantId = 'default') => {
  const incident = Incident.declare({ id: 'inc-1', tenantId, number: 1, title: 'Checkout errors', severity, services, declaredBy: ANA, source: 'slack', at: AT }, severities);
  return { incident, events: incident.pullEvents() };
};
const calls = (messages: readonly { payload: Readonly<Record<string, unknown>> }[]) => messages.map((m) => m.payload as unknown as IntegrationCall);
const ops = (messages: readonly { payload: Readonly<Record<string, unknown>> }[]) => calls(messages).map((c) => `${c.pluginId}:${c.op}${c.target?.kind === 'service' ? `:${c.target.name}` : ''}${c.service ? `:${c.service}` : ''}`);

describe('IntegrationSubscriber', () => {
  it('on a SEV1 declaration pages each affected service (high urgency), opens the ticket and the bridge, posts each runbook, notifies', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident, events } = declare('SEV1', ['checkout', 'payments']);
    const effects = events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT));
    expect(ops(effects)).to.deep.equal([
      'ops:page:checkout', 'ops:page:payments', 'ops:open_ticket', 'ops:start_conference', 'ops:post_runbook:checkout', 'ops:post_runbook:payments', 'ops:notify',
    ]);
    expect(calls(effects).filter((c) => c.op === 'page').map((c) => c.urgency)).to.deep.equal(['high', 'high']);
  });

  it('asks nothing of other tenants\' installations, nor of installations without the capability', () => {
    const subscriber = new IntegrationSubscriber(host(installation('theirs', 'acme', ALL), installation('notes', 'default', ['notifier'])), severities);
    const { incident, events } = declare('SEV1', ['checkout']);
    expect(ops(events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)))).to.deep.equal(['notes:notify']);
  });

  it('does not page back through the paging service an incident\'s alert came from, and pages through the others', () => {
    const subscriber = new IntegrationSubscriber(host(installation('pagerduty', 'default', ALL), installation('opsgenie', 'default', ALL)), severities);
    const incident = Incident.declare({ id: 'inc-3', number: 3, title: 'From PagerDuty', severity: 'SEV1', services: ['checkout'], declaredBy: ANA, source: 'pagerduty', at: AT }, severities);
    const effects = ops(incident.pullEvents().flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)));
    expect(effects).to.not.include('pagerduty:page:checkout');
    expect(effects).to.include('opsgenie:page:checkout');
    expect(effects).to.include('pagerduty:open_ticket');
  });

  it('pages nobody and opens no bridge for a severity that does not page or confer', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident, events } = declare('SEV3', ['checkout']);
    const effects = ops(events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)));
    expect(effects).to.not.include('ops:page:checkout');
    expect(effects).to.not.include('ops:start_conference');
    expect(effects).to.include('ops:open_ticket');
  });

  it('gives a redelivered change the same keys, and a later change naming the same service no second page', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident, events } = declare('SEV2', ['checkout']);
    const first = events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)).map((m) => m.idempotencyKey);
    const again = events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)).map((m) => m.idempotencyKey);
    expect(again).to.deep.equal(first);
    incident.editDetails({ services: ['checkout', 'search'] }, ANA, AT);
    const added = incident.pullEvents().flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT));
    const fresh = added.filter((m) => !first.includes(m.idempotencyKey));
    expect(ops(fresh)).to.deep.equal(['ops:page:search', 'ops:post_runbook:search']);
  });

  it('asks the declaration\'s room-bound calls again when a room opens, as new messages for the same calls', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident, events } = declare('SEV1', ['checkout']);
    const declared = calls(events.flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT)));
    incident.linkRoom({ platform: 'slack', workspaceId: 'T1', conversationId: 'C1' }, AT);
    const linked = incident.pullEvents().flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT));
    expect(ops(linked)).to.deep.equal(['ops:page:checkout', 'ops:start_conference', 'ops:post_runbook:checkout']);
    const byOp = (op: string) => declared.find((c) => c.op === op)!.callKey;
    expect(calls(linked).map((c) => c.callKey), 'the same calls (their remote steps are shared)').to.deep.equal([byOp('page'), byOp('start_conference'), byOp('post_runbook')]);
    expect(linked.every((m) => m.idempotencyKey.endsWith(':room:slack:C1')), 'new messages').to.equal(true);
  });

  it('on resolve syncs the ticket and resolves pages, bridge and status page; a severity change syncs the ticket', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident } = declare('SEV2', ['checkout']);
    incident.changeSeverity('SEV1', ANA, AT, severities);
    incident.transitionTo('resolved', ANA, AT);
    const effects = incident.pullEvents().flatMap((e) => subscriber.effectsOf(e, incident, SYSTEM, AT));
    expect(ops(effects).filter((o) => !o.endsWith('notify'))).to.deep.equal(['ops:sync_ticket', 'ops:sync_ticket', 'ops:resolve_pages', 'ops:end_conference', 'ops:resolve_status_page']);
    expect(calls(effects).filter((c) => c.op === 'notify').map((c) => c.event?.type)).to.deep.equal(['incident.severity_changed', 'incident.status_changed', 'incident.resolved']);
  });

  it('publishes only external updates to the status page, and notifies of both', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const { incident } = declare('SEV2', []);
    const update = (audience: 'internal' | 'external') => ({ id: `upd-${audience}`, incidentId: incident.id, audience, state: 'published' }) as unknown as StatusUpdate;
    expect(ops(subscriber.effectsOfUpdate({ type: 'update_published', at: AT, update: update('external') }, incident, AT))).to.deep.equal(['ops:publish_status_page', 'ops:notify']);
    expect(ops(subscriber.effectsOfUpdate({ type: 'update_published', at: AT, update: update('internal') }, incident, AT))).to.deep.equal(['ops:notify']);
  });

  it('never tells the public status page of a private incident, even an approved external update', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL)), severities);
    const incident = Incident.declare({ id: 'inc-2', number: 2, title: 'Key leak', severity: 'SEV1', private: true, declaredBy: ANA, source: 'slack', at: AT }, severities);
    const update = { id: 'upd-x', incidentId: incident.id, audience: 'external', state: 'published' } as unknown as StatusUpdate;
    expect(ops(subscriber.effectsOfUpdate({ type: 'update_published', at: AT, update }, incident, AT))).to.deep.equal(['ops:notify']);
  });

  it('opens a follow-up\'s ticket, syncs its changes, and sends none back to the tracker a change came from', () => {
    const subscriber = new IntegrationSubscriber(host(installation('ops', 'default', ALL), installation('jira', 'default', ['ticketing'])), severities);
    const { incident } = declare('SEV2', []);
    const item = { id: 'item-1', incidentId: incident.id, text: 'Add an alert', state: 'open', createdBy: ANA, createdAt: AT, updatedAt: AT } as ActionItem;
    expect(ops(subscriber.effectsOfActionItem({ type: 'action_item_added', at: AT, item, by: ANA, source: 'slack' }, incident, AT))).to.deep.equal(['ops:open_item_ticket', 'jira:open_item_ticket']);
    const done = { ...item, state: 'done' as const };
    expect(ops(subscriber.effectsOfActionItem({ type: 'action_item_changed', at: AT, item: done, by: ANA, source: 'jira' }, incident, AT))).to.deep.equal(['ops:sync_item_ticket']);
  });
});
