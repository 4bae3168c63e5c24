import { expect } from 'chai';
import { newActionItem, completeActionItem, type ActionItemState } from '../../domain/action-item';
import { declared as declaredIncident, alice } from '../../domain/domain-fixtures.spec-helper';
import type { IncidentState } from '../../domain/incident-state';
import type { IncidentStatus, Milestone } from '../../domain/lifecycle';
import { MetricsAccumulator } from './metrics-accumulator';
import { metricsWindow } from './metric-weeks';

const NOW = new Date('2026-11-25T12:00:00.000Z'); // a Wednesday; the 4-week window starts Monday 2026-11-02
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const after = (d: Date, minutes: number) => new Date(d.getTime() + minutes * MIN);
let n = 0;

/** An incident declared at `declaredAt`, with milestones `minutes` after it. */
function incident(declaredAt: Date, o: { severity?: string; status?: IncidentStatus; services?: string[]; ack?: number; mitigate?: number; resolve?: number } = {}): IncidentState {
  const milestones: Partial<Record<Milestone, Date>> = { detected: declaredAt, declared: declaredAt };
  if (o.ack !== undefined) milestones.acknowledged = after(declaredAt, o.ack);
  if (o.mitigate !== undefined) milestones.mitigated = after(declaredAt, o.mitigate);
  if (o.resolve !== undefined) milestones.resolved = after(declaredAt, o.resolve);
  n += 1;
  return { ...declaredIncident().snapshot(), id: `inc-${n}`, number: n, severity: o.severity ?? 'SEV2', status: o.status ?? 'investigating', services: o.services ?? [], milestones };
}

function item(createdAt: Date, state: ActionItemState) {
  const open = newActionItem({ id: `ai-${++n}`, incidentId: 'inc-x', text: 'Add a canary', createdBy: alice, at: createdAt });
  return state === 'open' ? open : state === 'done' ? completeActionItem(open, after(createdAt, 5)) : { ...open, state };
}

const accumulator = () => new MetricsAccumulator(metricsWindow(NOW, 4), ['SEV1', 'SEV2', 'SEV3']);

describe('incident metrics: counts, durations, services and action items over a window', () => {
  it('shows every week and every severity with zeros, and no statistic, when there is nothing', () => {
    const m = accumulator().result();
    expect(m.weeks).to.deep.equal(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(m.severities).to.deep.equal(['SEV1', 'SEV2', 'SEV3']);
    expect(m.perWeek.map((w) => w.bySeverity)).to.deep.equal(Array(4).fill({ SEV1: 0, SEV2: 0, SEV3: 0 }));
    expect(m.perWeek.map((w) => w.total)).to.deep.equal([0, 0, 0, 0]);
    expect(m.durations.overall).to.deep.equal({ acknowledge: { count: 0 }, mitigate: { count: 0 }, resolve: { count: 0 } });
    expect(m.durations.perWeek).to.have.length(4);
    expect(m.services).to.deep.equal([]);
    expect(m.actionItems.overall).to.deep.equal({ open: 0, done: 0, cancelled: 0 });
  });

  it('measures one incident from its declaration: 10 min to acknowledge, 30 to mitigate, 80 to resolve', () => {
    const a = accumulator();
    a.addIncident(incident(at('2026-11-17T09:00:00Z'), { severity: 'SEV1', status: 'resolved', services: ['checkout'], ack: 10, mitigate: 30, resolve: 80 }));
    const m = a.result();
    expect(m.perWeek[2]).to.deep.equal({ week: '2026-11-16', bySeverity: { SEV1: 1, SEV2: 0, SEV3: 0 }, total: 1 });
    expect(m.durations.overall).to.deep.equal({
      acknowledge: { count: 1, median: 10 * MIN, p90: 10 * MIN },
      mitigate: { count: 1, median: 30 * MIN, p90: 30 * MIN },
      resolve: { count: 1, median: 80 * MIN, p90: 80 * MIN },
    });
    expect(m.durations.perWeek[2].resolve).to.deep.equal({ count: 1, median: 80 * MIN, p90: 80 * MIN });
    expect(m.durations.perWeek[1].resolve).to.deep.equal({ count: 0 });
    expect(m.services).to.deep.equal([{ service: 'checkout', incidents: 1, resolved: 1, totalResolveMs: 80 * MIN }]);
  });

  it('counts an unresolved incident in its week but leaves it out of the time to resolve', () => {
    const a = accumulator();
    const monday = at('2026-11-23T00:00:00Z');
    a.addIncident(incident(monday, { status: 'resolved', ack: 5, resolve: 60 }));
    a.addIncident(incident(after(monday, 60), { status: 'investigating', ack: 15 }));
    a.addIncident(incident(after(monday, 120), { status: 'triage' }));
    const m = a.result();
    expect(m.perWeek[3].total).to.equal(3);
    expect(m.durations.perWeek[3].resolve).to.deep.equal({ count: 1, median: 60 * MIN, p90: 60 * MIN });
    expect(m.durations.perWeek[3].acknowledge).to.deep.equal({ count: 2, median: 5 * MIN, p90: 15 * MIN });
    expect(m.durations.perWeek[3].mitigate).to.deep.equal({ count: 0 });
  });

  it('counts a declined incident in its week, never in durations or services', () => {
    const a = accumulator();
    a.addIncident(incident(at('2026-11-10T10:00:00Z'), { severity: 'SEV3', status: 'declined', services: ['search'], resolve: 3 }));
    const m = a.result();
    expect(m.perWeek[1].bySeverity.SEV3).to.equal(1);
    expect(m.durations.overall.resolve).to.deep.equal({ count: 0 });
    expect(m.services).to.deep.equal([]);
  });

  it('takes median and p90 over ties and across weeks, overall as well as per week', () => {
    const a = accumulator();
    const resolveTimes = [[10, 10, 10, 40], [20, 30]];
    resolveTimes[0].forEach((r, i) => a.addIncident(incident(after(at('2026-11-03T08:00:00Z'), i), { status: 'resolved', resolve: r })));
    resolveTimes[1].forEach((r, i) => a.addIncident(incident(after(at('2026-11-24T08:00:00Z'), i), { status: 'resolved', resolve: r })));
    const m = a.result();
    expect(m.durations.perWeek[0].resolve).to.deep.equal({ count: 4, median: 10 * MIN, p90: 40 * MIN });
    expect(m.durations.perWeek[3].resolve).to.deep.equal({ count: 2, median: 20 * MIN, p90: 30 * MIN });
    // Overall, sorted: 10 10 10 20 30 40 → median at rank ceil(3) = 10, p90 at rank ceil(5.4) = 6, the 40.
    expect(m.durations.overall.resolve).to.deep.equal({ count: 6, median: 10 * MIN, p90: 40 * MIN });
  });

  it('ignores incidents declared before the window or after now, and lists a level no longer configured after the others', () => {
    const a = accumulator();
    a.addIncident(incident(at('2026-11-01T23:59:59Z'), { resolve: 5, status: 'resolved' }));
    a.addIncident(incident(after(NOW, 1), { resolve: 5, status: 'resolved' }));
    a.addIncident(incident(at('2026-11-20T00:00:00Z'), { severity: 'P0' }));
    const m = a.result();
    expect(m.severities).to.deep.equal(['SEV1', 'SEV2', 'SEV3', 'P0']);
    expect(m.perWeek.map((w) => w.total)).to.deep.equal([0, 0, 1, 0]);
    expect(m.perWeek[0].bySeverity).to.deep.equal({ SEV1: 0, SEV2: 0, SEV3: 0, P0: 0 });
    expect(m.durations.overall.resolve.count).to.equal(0);
  });

  it('treats a milestone stamped before the declaration as reached at once, never as a negative time', () => {
    const a = accumulator();
    a.addIncident(incident(at('2026-11-18T10:00:00Z'), { status: 'investigating', ack: -30 }));
    expect(a.result().durations.overall.acknowledge).to.deep.equal({ count: 1, median: 0, p90: 0 });
  });

  it('ranks the ten most affected services by incidents, then time to resolve, one entry per name whatever its case', () => {
    const a = accumulator();
    const day = at('2026-11-19T00:00:00Z');
    a.addIncident(incident(day, { services: ['Checkout', 'payments'], status: 'resolved', resolve: 30 }));
    a.addIncident(incident(day, { services: ['checkout', 'CHECKOUT'], status: 'resolved', resolve: 90 }));
    a.addIncident(incident(day, { services: ['checkout'] }));
    a.addIncident(incident(day, { services: ['search'], status: 'resolved', resolve: 600 }));
    for (let i = 0; i < 12; i++) a.addIncident(incident(day, { services: [`svc-${String(i).padStart(2, '0')}`] }));
    const m = a.result();
    expect(m.services).to.have.length(10);
    expect(m.services[0]).to.deep.equal({ service: 'Checkout', incidents: 3, resolved: 2, totalResolveMs: 120 * MIN });
    expect(m.services[1]).to.deep.equal({ service: 'search', incidents: 1, resolved: 1, totalResolveMs: 600 * MIN });
    expect(m.services[2]).to.deep.equal({ service: 'payments', incidents: 1, resolved: 1, totalResolveMs: 30 * MIN });
    expect(m.services.slice(3).map((s) => s.service)).to.deep.equal(['svc-00', 'svc-01', 'svc-02', 'svc-03', 'svc-04', 'svc-05', 'svc-06']);
  });

  it('counts action items by the week they were created and rates completion as done over open and done', () => {
    const a = accumulator();
    a.addActionItem(item(at('2026-11-04T10:00:00Z'), 'done'));
    a.addActionItem(item(at('2026-11-04T11:00:00Z'), 'open'));
    a.addActionItem(item(at('2026-11-05T11:00:00Z'), 'cancelled'));
    a.addActionItem(item(at('2026-11-24T11:00:00Z'), 'done'));
    a.addActionItem(item(at('2026-10-24T11:00:00Z'), 'open'));
    const m = a.result();
    expect(m.actionItems.perWeek[0]).to.deep.equal({ week: '2026-11-02', open: 1, done: 1, cancelled: 1, completionRate: 0.5 });
    expect(m.actionItems.perWeek[1]).to.deep.equal({ week: '2026-11-09', open: 0, done: 0, cancelled: 0 });
    expect(m.actionItems.perWeek[3]).to.deep.equal({ week: '2026-11-23', open: 0, done: 1, cancelled: 0, completionRate: 1 });
    expect(m.actionItems.overall).to.deep.equal({ open: 1, done: 2, cancelled: 1, completionRate: 2 / 3 });
  });
});
