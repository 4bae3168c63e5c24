import { expect } from 'chai';
import fc from 'fast-check';
import type { AlertIntakeAction, AlertSignal } from '../../domain/alert';
import { isOpen } from '../../domain/lifecycle';
import type { RequestContext } from '../incidents/request-context';
import { defaultSettings } from '../container/settings';
import { TransitionIncident, type TransitionCommand } from './transition-incident';
import { alertApp, alertmanager } from './alert-intake.spec-helper';

const TENANTS = ['acme', 'globex'] as const;
const GROUPS = ['checkout', 'search', 'login'] as const;

type Step =
  | { readonly kind: 'webhook'; readonly tenant: string; readonly onResolve: 'resolve' | 'note'; readonly signals: readonly { group: string; status: 'firing' | 'resolved'; delivery: number }[] }
  | { readonly kind: 'person'; readonly tenant: string; readonly number: number; readonly move: TransitionCommand };

// Few delivery ids, so redeliveries (and the same id in the other tenant) come up often.
const signal = fc.record({ group: fc.constantFrom(...GROUPS), status: fc.constantFrom('firing' as const, 'resolved' as const), delivery: fc.integer({ min: 1, max: 12 }) });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('webhook' as const), tenant: fc.constantFrom(...TENANTS), onResolve: fc.constantFrom('resolve' as const, 'note' as const), signals: fc.array(signal, { minLength: 1, maxLength: 3 }) }) },
  // People move incidents on (never reopening one: a reopened old incident is a person's call, not the group's).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('person' as const), tenant: fc.constantFrom(...TENANTS), number: fc.integer({ min: 1, max: 6 }), move: fc.constantFrom<TransitionCommand>('ack', 'mitigate', 'resolve', 'decline', 'close') }) },
);

/** What the intake must answer, from a model that knows only which deliveries were seen and which incident each group has open. */
class Model {
  readonly seen = new Set<string>();
  readonly open = new Map<string, string>();

  expect(tenant: string, onResolve: 'resolve' | 'note', s: { group: string; status: string; delivery: number }): AlertIntakeAction {
    const delivery = `${tenant}/${s.delivery}`;
    if (this.seen.has(delivery)) return 'duplicate';
    this.seen.add(delivery);
    const open = this.open.get(`${tenant}/${s.group}`);
    if (s.status === 'resolved') return !open ? 'ignored' : onResolve === 'note' ? 'noted' : 'resolved';
    return open ? 'noted' : 'declared';
  }

  after(tenant: string, group: string, action: AlertIntakeAction, incidentId: string | undefined): void {
    if (action === 'declared') this.open.set(`${tenant}/${group}`, incidentId!);
    if (action === 'resolved') this.open.delete(`${tenant}/${group}`);
  }

  closed(incidentId: string): void {
    for (const [group, id] of this.open) if (id === incidentId) this.open.delete(group);
  }
}

describe('AlertIntake: any sequence of signals (property)', () => {
  it('answers as the model says and leaves at most one open incident per group, the one the group points at', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const app = alertApp(defaultSettings());
      const transitions = app.container.get(TransitionIncident);
      const model = new Model();
      let n = 0;
      for (const s of steps) {
        if (s.kind === 'person') {
          const incident = await app.store.repositories.incidents.findByNumber(s.tenant, s.number);
          if (!incident) continue;
          const ctx: RequestContext = { actor: { platform: 'api', id: 'token' }, platform: 'api', workspaceId: s.tenant, idempotencyKey: `p-${++n}` };
          const moved = await transitions.execute(ctx, s.move, { id: incident.id }).then((o) => o.incident, () => undefined);
          if (moved && !moved.isOpen) model.closed(moved.id);
          continue;
        }
        const before = app.footprint();
        const signals: AlertSignal[] = s.signals.map((x) => ({ status: x.status, groupKey: x.group, deliveryId: `d${x.delivery}`, title: `${x.group} failing` }));
        const results = await app.intake.ingest(alertmanager({ tenantId: s.tenant, onResolve: s.onResolve }), signals);
        // In order: a later signal of the webhook sees what an earlier one did.
        const expected = s.signals.map((x, i) => {
          const action = model.expect(s.tenant, s.onResolve, x);
          model.after(s.tenant, x.group, action, results[i]?.incident?.id);
          return action;
        });
        expect(results.map((r) => r.action)).to.deep.equal(expected);
        if (expected.every((a) => a === 'duplicate')) expect(app.footprint(), 'a redelivery changes nothing').to.deep.equal(before);
      }
      for (const tenant of TENANTS) {
        const incidents = await app.incidents(tenant);
        for (const group of GROUPS) {
          const ofGroup = [];
          for (const incident of incidents) {
            const entries = await app.timeline(incident);
            if (entries.some((e) => e.kind === 'alert' && e.data.groupKey === group) && isOpen(incident.status)) ofGroup.push(incident.id);
          }
          expect(ofGroup.length, `${tenant}/${group}`).to.be.at.most(1);
          const link = await app.store.repositories.alertGroups.find({ tenantId: tenant, pluginId: 'alertmanager', installationId: 'config', groupKey: group });
          if (ofGroup.length === 1) expect(link!.incidentId).to.equal(ofGroup[0]);
          expect(ofGroup[0]).to.equal(model.open.get(`${tenant}/${group}`));
        }
      }
    }), { numRuns: 300 });
  });
});
