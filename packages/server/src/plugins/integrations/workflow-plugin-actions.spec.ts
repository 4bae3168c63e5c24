import { expect } from 'chai';
import { Incident, SeverityCatalog, type PersonRef, type WorkflowActionContext } from '@muster/core';
import type { CapabilityPorts } from '@muster/plugin-sdk';
import { SecretRedactor } from '../context/secret-redactor';
import type { ActiveInstallation } from '../runtime/installation';
import { IntegrationSubscriber } from './integration-subscriber';
import { CallAction, PageAction, TicketAction, WebhookAction } from './workflow-plugin-actions';

const AT = new Date('2026-03-01T10:00:00Z');
const ANA: PersonRef = { platform: 'slack', id: 'U0ANA', name: 'ana' };
const severities = new SeverityCatalog();

function installation(pluginId: string, tenantId: string, capabilities: (keyof CapabilityPorts)[]): ActiveInstallation {
  return {
    state: 'active', commands: [], redactor: new SecretRedactor([]), context: {} as ActiveInstallation['context'], subscriptions: new Map(),
    ports: Object.fromEntries(capabilities.map((c) => [c, {}])) as ActiveInstallation['ports'],
    spec: { definition: { id: pluginId, name: pluginId } as ActiveInstallation['spec']['definition'], installationId: 'config', tenantId, source: 'config', rawConfig: {}, config: {}, secrets: {} },
  };
}
const ALL: (keyof CapabilityPorts)[] = ['paging', 'ticketing', 'conference', 'notifier'];

function context(severity = 'SEV1', source = 'slack', tenantId = 'default'): { incident: Incident; ctx: WorkflowActionContext } {
  const incident = Incident.declare({ id: 'inc-1', tenantId, number: 1, title: 'Checkout errors', severity, services: ['checkout', 'payments'], declaredBy: ANA, source, at: AT }, severities);
  const rule = { name: 'r', trigger: { kind: 'declared' as const }, conditions: {}, steps: [] };
  return { incident, ctx: { rule, step: { kind: 'x', params: {}, afterMinutes: 0 }, incident, actor: { platform: 'api', id: 'workflow:r' }, effectKey: 'workflow.run:r:inc-1:+0:0', now: AT } };
}

describe('workflow actions through plugins', () => {
  const host = (...installations: ActiveInstallation[]) => ({ active: () => installations });

  it('page, ticket and call enqueue the very integration.call messages the declaration\'s subscriber does: the same call happens once', async () => {
    const h = host(installation('ops', 'default', ALL));
    const { incident, ctx } = context();
    const byDeclaration = incident.pullEvents().flatMap((e) => new IntegrationSubscriber(h, severities).effectsOf(e, incident, { source: 'slack', platform: 'slack', workspaceId: 'T1' }, AT));
    const page = await new PageAction(h, severities).run({ value: 'affected' }, ctx);
    const ticket = await new TicketAction(h).run({ value: true }, ctx);
    const call = await new CallAction(h).run({ value: true }, ctx);
    const keys = (ms: readonly { idempotencyKey: string }[] = []) => ms.map((m) => m.idempotencyKey);
    const declared = new Set(keys(byDeclaration));
    for (const key of [...keys(page.messages), ...keys(ticket.messages), ...keys(call.messages)]) expect(declared.has(key), key).to.equal(true);
    const samePage = byDeclaration.find((m) => m.idempotencyKey === page.messages![0]!.idempotencyKey)!;
    expect(page.messages![0]!.payload, 'the same payload, urgency included').to.deep.equal(samePage.payload);
    expect(page.text).to.equal('asked ops to page checkout, page payments');
  });

  it('asks no installation of another tenant, none without the capability, and never pages back through the incident\'s source', async () => {
    const h = host(installation('theirs', 'acme', ALL), installation('notes', 'default', ['notifier']), installation('pagerduty', 'default', ['paging']));
    const { ctx } = context('SEV2', 'pagerduty');
    const page = await new PageAction(h, severities).run({ value: 'checkout' }, ctx);
    expect(page.messages ?? []).to.deep.equal([]);
    expect(page.text).to.equal('could not page checkout: no installed plugin provides paging for this tenant');
    const hook = await new WebhookAction(h).run({ value: 'payments-escalated' }, ctx);
    expect(hook.messages!.map((m) => m.payload.pluginId)).to.deep.equal(['notes']);
    expect((hook.messages![0]!.payload.event as { type: string }).type).to.equal('workflow.payments-escalated');
  });

  it('check their parameters', () => {
    const h = host();
    expect(new PageAction(h, severities).check({ value: 'checkout' })).to.equal(undefined);
    expect(new PageAction(h, severities).check({ value: '<script>' })).to.match(/^page must be a service name/);
    expect(new TicketAction(h).check({ value: 'yes' })).to.equal('ticket must be true');
    expect(new WebhookAction(h).check({ value: 'Has Spaces' })).to.match(/^webhook must be an event name/);
  });
});
