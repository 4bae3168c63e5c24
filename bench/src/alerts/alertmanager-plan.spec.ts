import { expect } from 'chai';
import { planAlertmanagerDeliveries, type WebhookDelivery } from './alertmanager-plan';
import { expectedActions } from './webhook-ack-result';

type Body = { groupKey: string; version: string; commonAnnotations: { summary: string }; alerts: { fingerprint: string; startsAt: string }[] };
const parsed = (d: WebhookDelivery) => JSON.parse(d.body) as Body;

describe('bench: the Alertmanager webhook plan', () => {
  it('makes every declare notification a new group of its own, with its title as the incident title', () => {
    const { opening, deliveries } = planAlertmanagerDeliveries('declare', { tag: 't1', count: 300, seed: 1 });
    expect(opening).to.deep.equal([]);
    expect(new Set(deliveries.map((d) => parsed(d).groupKey)).size).to.equal(300);
    expect(new Set(deliveries.map((d) => d.group)).size).to.equal(300);
    for (const d of deliveries) {
      expect(d.role).to.equal('new-group');
      expect(parsed(d).commonAnnotations.summary).to.equal(d.group);
      expect(parsed(d).version).to.equal('4');
    }
    expect(expectedActions({ opening, deliveries })).to.deep.equal({ declared: 300, noted: 0, duplicate: 0 });
  });

  it('sends 90% of mixed notifications to the 20 open groups: redeliveries repeat earlier bytes, later firings add an alert', () => {
    const plan = planAlertmanagerDeliveries('mixed', { tag: 't2', count: 2_000, seed: 5 });
    expect(plan.opening).to.have.length(20);
    const openGroups = new Set(plan.opening.map((d) => d.group));
    const share = (role: WebhookDelivery['role']) => plan.deliveries.filter((d) => d.role === role).length / 2_000;
    expect(share('new-group')).to.be.within(0.07, 0.13);
    expect(share('redelivery')).to.be.within(0.4, 0.5);
    expect(share('later-firing')).to.be.within(0.4, 0.5);
    const earlier = new Map<string, string>(plan.opening.map((d) => [d.identity, d.body]));
    for (const d of plan.deliveries) {
      if (d.role === 'redelivery') expect(earlier.get(d.identity), 'a redelivery repeats something sent before, byte for byte').to.equal(d.body);
      if (d.role !== 'new-group') expect(openGroups.has(d.group)).to.equal(true);
      if (d.role === 'later-firing') {
        expect(earlier.has(d.identity), 'a later firing is new').to.equal(false);
        const alerts = parsed(d).alerts;
        expect(alerts).to.have.length(2);
        expect(alerts[1]!.fingerprint).to.match(/^[0-9a-f]{16}$/).and.not.equal(alerts[0]!.fingerprint);
      }
      earlier.set(d.identity, d.body);
    }
  });

  it('expects one noted per later firing and duplicate for every repeat, and never shares a group between phases', () => {
    const a = planAlertmanagerDeliveries('mixed', { tag: 'ta', count: 500, seed: 9 });
    const b = planAlertmanagerDeliveries('mixed', { tag: 'tb', count: 500, seed: 9 });
    const expected = expectedActions(a);
    expect(expected.declared).to.equal(a.deliveries.filter((d) => d.role === 'new-group').length);
    expect(expected.noted).to.equal(a.deliveries.filter((d) => d.role === 'later-firing').length);
    expect(expected.duplicate).to.equal(a.deliveries.filter((d) => d.role === 'redelivery').length);
    const keysOf = (p: typeof a) => new Set([...p.opening, ...p.deliveries].map((d) => parsed(d).groupKey));
    const shared = [...keysOf(a)].filter((k) => keysOf(b).has(k));
    expect(shared).to.deep.equal([]);
  });
});
