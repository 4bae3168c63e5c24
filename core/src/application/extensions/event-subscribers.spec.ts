import { expect } from 'chai';
import type { IncidentEvent } from '../../domain/events';
import { MusterError } from '../../errors';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { IncidentRecorder, SYSTEM_ORIGIN } from '../incidents/incident-recorder';
import type { NewOutboxMessage } from '../ports/outbox.port';
import { defaultSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { EventSubscribers } from './event-subscribers';
import type { EventExtensions, IncidentEventSubscriber } from './extension-points';

/** A module's subscriber: asks for one `jira.sync` message per event it hears. */
const jira = (heard: string[] = []): IncidentEventSubscriber => ({
  name: 'jira',
  effectsOf(event: IncidentEvent, incident, _origin, now): NewOutboxMessage[] {
    heard.push(event.type);
    return [{ topic: 'jira.sync', payload: { incidentId: incident.id, event: event.type }, idempotencyKey: `jira.sync:${incident.id}:v${incident.version}:${event.type}`, availableAt: now }];
  },
});

async function declared(settings = defaultSettings()) {
  const app = buildApp(settings);
  const commands = app.container.get(CommandDispatcher);
  const queued = () => [...app.store.database.outbox.values()].map((r) => r.idempotencyKey);
  return { app, commands, queued, extensions: app.container.get<EventExtensions>(TOKENS.EventExtensions) };
}

describe('event subscribers', () => {
  it('queue core\'s effects with the same idempotency keys as before, and the card refresh once per change', async () => {
    const { app, commands, queued } = await declared();
    await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
    const id = (await app.store.repositories.incidents.findByNumber('default', 1))!.id;
    const at = app.clock.now().getTime();
    expect(queued()).to.deep.equal([`incident.announce:${id}:declared`, `room.setup:${id}:console:local`, `reminder.update_due:${id}:${at}:1`, `card.refresh:${id}:v1`]);
    await app.flush();
    const room = (await app.store.repositories.incidents.findById(id))!.roomOn('console', 'local')!;
    const before = queued().length;
    await commands.handleText(app.ctx('alice', room), 'assign comms @carol');
    const version = (await app.store.repositories.incidents.findById(id))!.version;
    await commands.handleText(app.ctx('alice', room), 'resolve');
    const resolvedAt = app.clock.now().getTime();
    expect(queued().slice(before)).to.deep.equal([
      `room.invite:${id}:v${version}:communications_lead`, `card.refresh:${id}:v${version}`,
      `incident.announce:${id}:resolved:${resolvedAt}`, `postmortem.draft:${id}:${resolvedAt}`, `reminder.postmortem:${id}:${resolvedAt}`, `card.refresh:${id}:v${version + 1}`,
    ]);
  });

  it('enqueue a run-time subscriber\'s effects with the change, in its transaction', async () => {
    const { app, commands, queued, extensions } = await declared();
    const heard: string[] = [];
    extensions.add(jira(heard));
    await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV3');
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    expect(heard, 'a declaration gives the declarer the commander role').to.deep.equal(['declared', 'role_assigned']);
    expect(queued()).to.include(`jira.sync:${incident.id}:v1:declared`);
    const row = [...app.store.database.outbox.values()].find((r) => r.topic === 'jira.sync')!;
    expect(row.payload).to.deep.equal({ incidentId: incident.id, event: 'declared' });
  });

  it('roll a subscriber\'s effects back with the change when the transaction fails', async () => {
    const { app, commands, queued, extensions } = await declared();
    await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV3');
    extensions.add(jira());
    const id = (await app.store.repositories.incidents.findByNumber('default', 1))!.id;
    const before = { queued: queued(), timeline: await app.store.repositories.timeline.count(id), version: (await app.store.repositories.incidents.findById(id))!.version };
    const recorder = app.container.get(IncidentRecorder);
    const failure = await app.store.unitOfWork.run(async (tx) => {
      const incident = (await tx.incidents.findById(id))!;
      incident.changeSeverity('SEV1', person('alice'), app.clock.now(), app.container.get<ReturnType<typeof defaultSettings>>(TOKENS.Settings).severities);
      await recorder.commit(tx, incident, SYSTEM_ORIGIN);
      expect(queued(), 'inside the transaction the effect is queued').to.include(`jira.sync:${id}:v${before.version + 1}:severity_changed`);
      throw new MusterError('conflict', 'The incident changed meanwhile.');
    }).then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(MusterError).with.property('code', 'conflict');
    expect(queued(), 'nothing queued: not the subscriber\'s effect, not the card refresh').to.deep.equal(before.queued);
    expect(await app.store.repositories.timeline.count(id)).to.equal(before.timeline);
    expect((await app.store.repositories.incidents.findById(id))!.severity).to.equal('SEV3');
  });

  it('keep the change and everyone else\'s effects when one subscriber throws or answers nonsense, and log which one', async () => {
    const { app, commands, queued, extensions } = await declared();
    extensions.add({ name: 'broken', effectsOf() { throw new Error('bug in broken'); } });
    extensions.add({ name: 'nonsense', effectsOf: () => [{ topic: 'x' }] as never });
    extensions.add(jira());
    const reply = await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
    expect(reply.visibility, 'the declaration is answered as usual').to.equal('in_channel');
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    expect(incident.title).to.equal('Checkout errors');
    expect(queued()).to.deep.equal([
      `incident.announce:${incident.id}:declared`, `room.setup:${incident.id}:console:local`, `reminder.update_due:${incident.id}:${app.clock.now().getTime()}:1`, `jira.sync:${incident.id}:v1:declared`,
      `jira.sync:${incident.id}:v1:role_assigned`, `card.refresh:${incident.id}:v1`,
    ]);
    expect(app.logs.filter((m) => m.startsWith('An event subscriber failed')), 'two broken subscribers × two events').to.have.length(4);
    await app.flush();
    expect((await app.store.repositories.incidents.findById(incident.id))!.roomOn('console', 'local'), 'the room still opened').to.not.equal(undefined);
  });

  it('refuse a second subscriber of one name, and remove only run-time ones', async () => {
    const { app, extensions } = await declared();
    extensions.add(jira());
    expect(() => extensions.add(jira())).to.throw(MusterError, /already listening/);
    expect(() => extensions.add({ ...jira(), name: 'core.announce' })).to.throw(MusterError, /already listening/);
    expect(() => extensions.add({ name: '', effectsOf: () => [] })).to.throw(MusterError, /needs a name/);
    expect(() => extensions.add({ name: 'deaf' } as never), 'one that hears nothing').to.throw(MusterError, /needs a name and an effectsOf/);
    expect(() => extensions.add({ name: 'jira', effectsOfUpdate: () => [] }), 'one name for both kinds').to.throw(MusterError, /already listening/);
    extensions.remove('jira');
    extensions.remove('core.announce');
    extensions.add(jira());
    const declaredEvent = { type: 'declared', at: app.clock.now(), by: person('a'), title: 't', severity: 'SEV1' } as unknown as IncidentEvent;
    await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare "X" --sev SEV3');
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    const topics = app.container.get(EventSubscribers).effectsOf(declaredEvent, incident, SYSTEM_ORIGIN, app.clock.now()).map((m) => m.topic);
    expect(topics, 'core\'s announcement and update clock stay; jira is back once').to.deep.equal(['incident.announce', 'reminder.update_due', 'jira.sync']);
  });

  it('log a failing subscriber by name, event and incident, without what it threw beyond the message', () => {
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (msg: string, fields?: Record<string, unknown>) => logged.push({ msg, fields }) };
    const broken: IncidentEventSubscriber = { name: 'broken', effectsOf() { throw Object.assign(new Error('bad state'), { secret: 'hunter2' }); } };
    const subscribers = new EventSubscribers([broken, jira()], logger);
    const app = buildApp();
    const event = { type: 'declared', at: app.clock.now() } as unknown as IncidentEvent;
    const incident = { id: 'inc-id', version: 1 } as never;
    expect(subscribers.effectsOf(event, incident, SYSTEM_ORIGIN, app.clock.now()).map((m) => m.topic)).to.deep.equal(['jira.sync']);
    expect(logged).to.deep.equal([{ msg: 'An event subscriber failed; its effects for this event were skipped, the change was kept', fields: { subscriber: 'broken', event: 'declared', incidentId: 'inc-id', error: 'bad state' } }]);
  });
});
