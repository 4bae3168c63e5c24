import { expect } from 'chai';
import { newActionItem } from '../../domain/action-item';
import { Incident } from '../../domain/incident';
import type { IncidentState } from '../../domain/incident-state';
import { TenantMap } from '../../domain/tenancy';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { defaultSettings } from '../container/settings';
import type { RequestContext } from '../incidents/request-context';
import type { IncidentFilter } from '../ports/repositories.port';
import { IncidentMetricsReport, METRICS_PAGE_SIZE } from './incident-metrics';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const MIN = 60_000;

describe('IncidentMetricsReport: the metrics of what the viewer may see, read from the store in pages', () => {
  function app() {
    const settings = defaultSettings({
      admins: ['console:root'],
      tenants: new TenantMap([
        { id: 'acme', workspaces: [{ platform: 'console', workspaceId: 'local' }] },
        { id: 'globex', workspaces: [{ platform: 'console', workspaceId: 'globex' }] },
      ]),
    });
    const a = buildApp(settings);
    a.clock.current = NOW;
    let number = 0;
    /** Stores an incident declared `daysAgo` before NOW by alice, resolved `resolveMin` later when given. */
    const save = async (o: { daysAgo: number; tenantId?: string; private?: boolean; resolveMin?: number; services?: string[] }): Promise<string> => {
      number += 1;
      const declared = new Date(NOW.getTime() - o.daysAgo * 86_400_000);
      const state: IncidentState = {
        id: `inc-${number}`, tenantId: o.tenantId ?? 'acme', number, title: `Outage ${number}`, summary: '', severity: 'SEV2',
        status: o.resolveMin !== undefined ? 'resolved' : 'investigating', private: o.private ?? false, services: o.services ?? ['checkout'],
        roles: [{ role: 'commander', person: person('alice'), assignedAt: declared, assignedBy: person('alice') }],
        milestones: { detected: declared, declared, ...(o.resolveMin !== undefined && { resolved: new Date(declared.getTime() + o.resolveMin * MIN) }) },
        links: { rooms: [], external: [] }, declaredBy: person('alice'), source: 'console', createdAt: declared, updatedAt: declared, version: 0,
      };
      await a.store.repositories.incidents.save(Incident.restore(state));
      return state.id;
    };
    const addItem = (incidentId: string) => a.store.repositories.actionItems.save(
      newActionItem({ id: `ai-${incidentId}`, incidentId, text: 'Add an alert', createdBy: person('alice'), at: new Date(NOW.getTime() - 60 * MIN) }));
    const report = (ctx: RequestContext, weeks?: number) => a.container.get(IncidentMetricsReport).execute(ctx, weeks);
    const viewer = (who: string, workspaceId = 'local'): RequestContext => ({ actor: person(who), platform: 'console', workspaceId, idempotencyKey: `k-${who}` });
    return { ...a, save, addItem, report, viewer };
  }

  it('counts a private incident and its action items only for its participants and admins, and never another tenant\'s', async () => {
    const a = app();
    const open = await a.save({ daysAgo: 1, resolveMin: 20, services: ['checkout'] });
    const secret = await a.save({ daysAgo: 1, private: true, resolveMin: 90, services: ['payroll'] });
    await a.save({ daysAgo: 1, tenantId: 'globex', resolveMin: 5, services: ['globex-billing'] });
    await a.addItem(open);
    await a.addItem(secret);
    const eve = await a.report(a.viewer('eve'));
    expect(eve.perWeek.at(-1)!.total).to.equal(1);
    expect(eve.durations.overall.resolve).to.deep.equal({ count: 1, median: 20 * MIN, p90: 20 * MIN });
    expect(eve.services.map((s) => s.service)).to.deep.equal(['checkout']);
    expect(eve.actionItems.overall.open).to.equal(1);
    for (const insider of [a.viewer('alice'), a.viewer('root')]) {
      const m = await a.report(insider);
      expect(m.perWeek.at(-1)!.total).to.equal(2);
      expect(m.durations.overall.resolve).to.deep.equal({ count: 2, median: 20 * MIN, p90: 90 * MIN });
      expect(m.services.map((s) => s.service)).to.have.members(['checkout', 'payroll']);
      expect(m.actionItems.overall.open).to.equal(2);
    }
    const globex = await a.report(a.viewer('mallory', 'globex'));
    expect(globex.services.map((s) => s.service)).to.deep.equal(['globex-billing']);
    expect(globex.actionItems.overall.open).to.equal(0);
  });

  it('reads only the window: an incident declared before its first Monday is not counted', async () => {
    const a = app();
    await a.save({ daysAgo: 2, resolveMin: 10 });
    await a.save({ daysAgo: 30, resolveMin: 10 }); // 2026-10-26: inside 12 weeks, outside 4
    const four = await a.report(a.viewer('eve'), 4);
    expect(four.weeks[0]).to.equal('2026-11-02');
    expect(four.perWeek.reduce((n, w) => n + w.total, 0)).to.equal(1);
    expect((await a.report(a.viewer('eve'))).perWeek.reduce((n, w) => n + w.total, 0)).to.equal(2);
  });

  it(`walks every page of ${METRICS_PAGE_SIZE} incidents newest first and counts each incident and action item once`, async () => {
    const a = app();
    const total = 2 * METRICS_PAGE_SIZE + 1;
    for (let i = 0; i < total; i++) {
      const id = await a.save({ daysAgo: i % 20, resolveMin: 1 + (i % 7) });
      if (i % 3 === 0) await a.addItem(id);
    }
    const filters: IncidentFilter[] = [];
    const incidents = a.store.repositories.incidents;
    const list = incidents.list.bind(incidents);
    incidents.list = (filter?: IncidentFilter) => { filters.push(filter ?? {}); return list(filter); };
    const m = await a.report(a.viewer('eve'));
    expect(m.perWeek.reduce((n, w) => n + w.total, 0)).to.equal(total);
    expect(m.durations.overall.resolve.count).to.equal(total);
    expect(m.actionItems.overall.open).to.equal(Math.ceil(total / 3));
    expect(filters.map((f) => [f.limit, f.beforeNumber])).to.deep.equal([[500, undefined], [500, total - 499], [500, 2]]);
    expect(filters.every((f) => f.tenantId === 'acme' && f.declaredFrom?.toISOString() === '2026-09-07T00:00:00.000Z')).to.equal(true);
  });
});
