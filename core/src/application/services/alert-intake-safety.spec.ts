import { expect } from 'chai';
import { isMusterError, MusterError } from '../../errors';
import { InMemoryUnitOfWork } from '../../testing/in-memory-unit-of-work';
import type { AlertSignal } from '../../domain/alert';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { defaultSettings } from '../container/settings';
import type { Inline, View } from '../views/view';
import { alertApp, alertmanager, firing, intakeOver, resolved } from './alert-intake.spec-helper';

const inlinesOf = (view: View): Inline[] => view.blocks.flatMap((b) =>
  b.type === 'text' || b.type === 'context' ? [...b.text] : b.type === 'list' ? b.items.flat() : b.type === 'fields' ? b.fields.flatMap((f) => f.value) : b.type === 'header' ? [b.text] : []);

class Crash extends Error {}

describe('AlertIntake: tenants never meet', () => {
  it('two tenants with the same group and delivery ids get an incident each, and neither sees the other', async () => {
    const app = alertApp(defaultSettings());
    const acme = alertmanager({ tenantId: 'acme', roomsAt: { platform: 'console', workspaceId: 'ws-acme' } });
    const globex = alertmanager({ tenantId: 'globex', roomsAt: { platform: 'console', workspaceId: 'ws-globex' } });
    const signal = firing('checkout');
    const [a] = await app.intake.ingest(acme, [signal]);
    const [g] = await app.intake.ingest(globex, [signal]);
    expect([a!.action, g!.action], 'the same delivery id in another tenant is no redelivery').to.deep.equal(['declared', 'declared']);
    expect(a!.incident!.reference).to.equal('INC-1');
    expect(g!.incident!.reference).to.equal('INC-1');
    expect(a!.incident!.id).to.not.equal(g!.incident!.id);
    const [acmeIncident] = await app.incidents('acme');
    const [globexIncident] = await app.incidents('globex');
    expect(acmeIncident!.tenantId).to.equal('acme');
    expect(globexIncident!.tenantId).to.equal('globex');
    await app.intake.ingest(acme, [resolved('checkout')]);
    expect((await app.incidents('acme'))[0]!.status).to.equal('resolved');
    expect((await app.incidents('globex'))[0]!.status, 'a resolve in one tenant leaves the other alone').to.equal('triage');
    const [again] = await app.intake.ingest(globex, [signal]);
    expect(again).to.deep.include({ action: 'duplicate', incident: g!.incident });
    expect((await app.timeline(globexIncident!)).every((e) => e.incidentId === globexIncident!.id)).to.equal(true);
    expect(await app.incidents(), 'nothing in the default tenant').to.have.length(0);
  });
});

describe('AlertIntake: hostile and broken input', () => {
  it('keeps a title of <!channel> as text: stored as sent, and every view carries it as plain text, never a mention', async () => {
    const channel = { platform: 'console' as const, workspaceId: 'local', conversationId: 'announce', name: 'announce' };
    const app = alertApp(defaultSettings({ homePlatform: 'console', homeWorkspaceId: 'local', announcementChannels: [channel] }));
    await app.intake.ingest(alertmanager(), [firing('x', { title: '<!channel> <@slack:U0BOSS|boss> down', alerts: [] })]);
    await app.flush();
    const [incident] = await app.incidents();
    expect(incident!.title).to.equal('<!channel> <@slack:U0BOSS|boss> down');
    expect(app.gateway.posts.length, 'card and announcement').to.be.at.least(2);
    for (const post of app.gateway.posts) {
      const inlines = inlinesOf(post.view);
      expect(inlines.filter((i) => typeof i === 'object' && 'mention' in i), `a mention in ${post.key}`).to.deep.equal([]);
      expect(inlines.some((i) => typeof i === 'string' && i.includes('<!channel>')), `the title in ${post.key}`).to.equal(true);
    }
    const room = app.gateway.calls.find((c) => c.method === 'createRoom')!.args[0] as { name: string };
    expect(room.name).to.match(/^inc-1-[a-z0-9-]*$/);
  });

  it('refuses a webhook whose signal cannot be taken, and stores nothing of the good ones beside it', async () => {
    const app = alertApp();
    const cases: [string, unknown][] = [
      ['no delivery id', [firing('a'), { ...firing('b'), deliveryId: '' }]],
      ['a delivery id too long to remember', [firing('a'), firing('b', { deliveryId: 'x'.repeat(201) })]],
      ['no group', [firing('a'), { ...firing('b'), groupKey: undefined }]],
      ['an unknown status', [firing('a'), { ...firing('b'), status: 'acknowledged' }]],
      ['not a list', { signals: [] }],
      ['too many groups', Array.from({ length: 201 }, (_, i) => firing(`g${i}`))],
    ];
    for (const [what, signals] of cases) {
      const error = await app.intake.ingest(alertmanager(), signals as AlertSignal[]).then(() => undefined, (e: unknown) => e);
      expect(isMusterError(error, 'invalid_argument'), `${what}: ${String(error)}`).to.equal(true);
      expect((error as Error).message).to.match(/^The alert cannot be taken: .+ Nothing was stored\.$/);
    }
    expect(await app.intake.ingest(alertmanager(), [])).to.deep.equal([]);
    expect(app.footprint()).to.deep.equal({ incidents: 0, timeline: 0, outbox: 0, inbox: 0, alertGroups: 0 });
  });

  it('leaves descriptive fields of the wrong type out, and keeps only http(s) links', async () => {
    const app = alertApp();
    const odd = { ...firing('a'), title: 42, services: 'api', labels: ['x'], url: 'javascript:alert(1)', alerts: [{ id: 1 }, { id: 'ok', status: 'firing', url: 'data:x' }] };
    const [result] = await app.intake.ingest(alertmanager(), [odd as unknown as AlertSignal]);
    expect(result!.action).to.equal('declared');
    const [incident] = await app.incidents();
    expect(incident!.title).to.equal('Prometheus Alertmanager alert');
    const entry = (await app.timeline(incident!)).find((e) => e.kind === 'alert')!;
    expect(entry.text).to.not.match(/javascript|data:/);
    expect(entry.data).to.deep.equal({ status: 'firing', groupKey: odd.groupKey, deliveryId: odd.deliveryId, alerts: [{ id: 'ok', status: 'firing' }] });
  });
});

describe('AlertIntake: all or nothing', () => {
  it('a crash in the middle of a webhook leaves nothing, not even an incident without its group link; the redelivery then works', async () => {
    const app = alertApp();
    let links = 0;
    const crashing: UnitOfWork = {
      run: (work) => app.store.unitOfWork.run((tx) => work({
        ...tx,
        alertGroups: { find: (g) => tx.alertGroups.find(g), link: async (...args) => { if (++links === 2) throw new Crash('the process died'); return tx.alertGroups.link(...args); } },
      } satisfies Repositories)),
    };
    const webhook = [firing('a'), firing('b')];
    const error = await intakeOver(app, crashing).ingest(alertmanager(), webhook).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(Crash);
    expect(app.footprint()).to.deep.equal({ incidents: 0, timeline: 0, outbox: 0, inbox: 0, alertGroups: 0 });
    const results = await app.intake.ingest(alertmanager(), webhook);
    expect(results.map((r) => r.action)).to.deep.equal(['declared', 'declared']);
    expect(app.footprint()).to.deep.include({ incidents: 2, alertGroups: 2, inbox: 2 });
  });

  it('two webhooks of a new group on two instances at the same moment make one incident: the loser retries and notes on the winner', async () => {
    const app = alertApp();
    // Instance A looks for the group's incident, finds none, and is held there while instance B (a second
    // unit of work over the same database) declares; then A goes on from what it saw.
    let runs = 0;
    let reachedFind!: () => void;
    let letGo!: () => void;
    const atFind = new Promise<void>((resolve) => (reachedFind = resolve));
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const held: UnitOfWork = {
      run: (work) => {
        const run = ++runs;
        return app.store.unitOfWork.run((tx) => work({
          ...tx,
          alertGroups: {
            find: async (g) => { const found = await tx.alertGroups.find(g); if (run === 1) { reachedFind(); await gate; } return found; },
            link: (...args) => tx.alertGroups.link(...args),
          },
        }));
      },
    };
    const a = intakeOver(app, held).ingest(alertmanager(), [firing('checkout')]);
    await atFind;
    const [b] = await intakeOver(app, new InMemoryUnitOfWork(app.store.database)).ingest(alertmanager(), [firing('checkout')]);
    letGo();
    const [late] = await a;
    expect(b!.action).to.equal('declared');
    expect(late).to.deep.include({ action: 'noted', incident: b!.incident });
    expect(runs, 'the refused link rolled A back, and it ran once more').to.equal(2);
    expect(await app.incidents()).to.have.length(1);
    expect(app.footprint()).to.deep.include({ alertGroups: 1, inbox: 2 });
    expect((await app.timeline((await app.incidents())[0]!)).filter((e) => e.kind === 'alert')).to.have.length(2);
  });

  it('gives up after one retry, with the conflict, rather than looping', async () => {
    const app = alertApp();
    let runs = 0;
    const alwaysLate: UnitOfWork = {
      run: (work) => { runs += 1; return app.store.unitOfWork.run((tx) => work({ ...tx, alertGroups: { find: (g) => tx.alertGroups.find(g), link: async () => { throw new MusterError('conflict', 'linked meanwhile'); } } })); },
    };
    const error = await intakeOver(app, alwaysLate).ingest(alertmanager(), [firing()]).then(() => undefined, (e: unknown) => e);
    expect(isMusterError(error, 'conflict')).to.equal(true);
    expect(runs).to.equal(2);
    expect(app.footprint()).to.deep.equal({ incidents: 0, timeline: 0, outbox: 0, inbox: 0, alertGroups: 0 });
  });
});
