import { expect } from 'chai';
import type { StatusUpdateEvent } from '../../../domain/events';
import type { StatusUpdate } from '../../../domain/status-update';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { InteractionRouter } from '../../commands/interaction-router';
import { EventSubscribers } from '../../extensions/event-subscribers';
import type { EventExtensions, IncidentEventSubscriber, StatusUpdateSubscriber } from '../../extensions/extension-points';
import type { UpdatePublisher } from '../../ports/publisher.port';
import type { UnitOfWork } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { ACTIONS } from '../../views/action-ids';
import { draftVersionRef } from '../../views/status-update.view';
import { UpdatePublishHandler } from './update-publish.handler';

interface Heard { readonly type: string; readonly updateId: string; readonly state: string; readonly audience: string; readonly body: string; readonly approver?: string; readonly incident: string }

/** A status-page module: one `statuspage.post` per published update, keyed by the update. */
const statusPage = (heard: Heard[]): StatusUpdateSubscriber => ({
  name: 'status-page',
  effectsOfUpdate(event: StatusUpdateEvent, incident, now) {
    const { update } = event;
    heard.push({ type: event.type, updateId: update.id, state: update.state, audience: update.audience, body: update.body, approver: update.decidedBy?.id, incident: incident.reference });
    return [{ topic: 'statuspage.post', payload: { updateId: update.id }, idempotencyKey: `statuspage.post:${update.id}`, availableAt: now }];
  },
});

async function inRoomWithDrafts() {
  const app = buildApp();
  const commands = app.container.get(CommandDispatcher);
  const router = app.container.get(InteractionRouter);
  await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
  /** Alice (the commander, who may approve) in the incident's room, each request its own. */
  const room = () => app.ctx('alice', incident.roomOn('console', 'local')!);
  const heard: Heard[] = [];
  app.container.get<EventExtensions>(TOKENS.EventExtensions).add(statusPage(heard));
  const draft = async (audience: 'internal' | 'external'): Promise<StatusUpdate> => {
    const before = await app.store.repositories.statusUpdates.listByIncident(incident.id);
    await commands.handleText(room(), `update ${audience}`);
    await app.flush();
    const after = await app.store.repositories.statusUpdates.listByIncident(incident.id);
    return after.find((u) => !before.some((b) => b.id === u.id))!;
  };
  const queued = (topic: string) => [...app.store.database.outbox.values()].filter((r) => r.topic === topic);
  return { app, router, incident, room, heard, draft, queued };
}

describe('UpdatePublishHandler: subscribers hear a published update', () => {
  it('tells a subscriber once the approved update is published, with its audience, body and approver, and never of a draft or a rejected one', async () => {
    const { app, router, room, heard, draft, queued, incident } = await inRoomWithDrafts();
    const external = await draft('external');
    const internal = await draft('internal');
    expect(external.state).to.equal('pending_approval');
    expect(heard, 'drafts awaiting approval reach nobody').to.deep.equal([]);

    await router.handleAction(room(), ACTIONS.rejectUpdate, draftVersionRef(internal));
    await app.flush();
    expect((await app.store.repositories.statusUpdates.findById(internal.id))!.state).to.equal('rejected');
    expect(heard, 'a rejected update reaches nobody').to.deep.equal([]);

    await router.handleAction(room(), ACTIONS.approveUpdate, draftVersionRef(external));
    await app.flush();
    expect(heard).to.deep.equal([{
      type: 'update_published', updateId: external.id, state: 'published', audience: 'external', body: external.body, approver: 'alice', incident: incident.reference,
    }]);
    expect(queued('statuspage.post').map((r) => r.payload)).to.deep.equal([{ updateId: external.id }]);
  });

  it('hears nothing again when the publish message is handled again after the record committed', async () => {
    const { app, router, room, heard, draft, queued } = await inRoomWithDrafts();
    const update = await draft('external');
    await router.handleAction(room(), ACTIONS.approveUpdate, draftVersionRef(update));
    await app.flush();
    const handler = app.container.getAll<{ topic: string }>(TOKENS.OutboxHandler).find((h) => h.topic === 'update.publish') as UpdatePublishHandler;
    await handler.handle({ updateId: update.id });
    await handler.handle({ updateId: update.id });
    expect(heard).to.have.length(1);
    expect(queued('statuspage.post')).to.have.length(1);
    const published = (await app.store.repositories.timeline.list(update.incidentId)).filter((e) => e.kind === 'update_published');
    expect(published).to.have.length(1);
  });

  it('enqueues nothing when the publication does not commit, and hears it once when the retry does', async () => {
    const { app, router, room, heard, draft, queued } = await inRoomWithDrafts();
    const update = await draft('internal');
    await router.handleAction(room(), ACTIONS.approveUpdate, draftVersionRef(update));
    const real = app.store.unitOfWork;
    // The database goes away after the handler's writes, before the commit: everything it wrote is undone.
    const crashing: UnitOfWork = { run: (work) => real.run(async (tx) => { await work(tx); throw new Error('connection lost before commit'); }) };
    const get = <T>(token: symbol) => app.container.get<T>(token);
    const handler = new UpdatePublishHandler(
      get(TOKENS.Repositories), crashing, get<UpdatePublisher>(TOKENS.UpdatePublisher), get(TOKENS.Clock), get(TOKENS.IdGenerator), get<MusterSettings>(TOKENS.Settings),
      app.container.get(EventSubscribers),
    );
    const failure = await handler.handle({ updateId: update.id }).then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(Error).with.property('message', 'connection lost before commit');
    expect((await app.store.repositories.statusUpdates.findById(update.id))!.state).to.equal('approved');
    expect(queued('statuspage.post'), 'the effect went with the rolled-back record').to.deep.equal([]);

    await app.flush();
    expect((await app.store.repositories.statusUpdates.findById(update.id))!.state).to.equal('published');
    expect(queued('statuspage.post')).to.have.length(1);
    expect(heard.map((h) => h.updateId), 'asked once per attempt, enqueued once').to.deep.equal([update.id, update.id]);
  });

  it('keeps the publication and the others\' effects when one subscriber throws, and logs which one', async () => {
    const { app, router, room, heard, draft, queued } = await inRoomWithDrafts();
    const extensions = app.container.get<EventExtensions>(TOKENS.EventExtensions);
    extensions.add({ name: 'broken', effectsOfUpdate() { throw new Error('bug in broken'); } });
    const update = await draft('external');
    await router.handleAction(room(), ACTIONS.approveUpdate, draftVersionRef(update));
    await app.flush();
    expect((await app.store.repositories.statusUpdates.findById(update.id))!.state).to.equal('published');
    expect(heard).to.have.length(1);
    expect(queued('statuspage.post')).to.have.length(1);
    expect(app.logs.filter((m) => m.startsWith('An event subscriber failed'))).to.have.length(1);
  });

  it('asks a subscriber only for what it hears: incident events go to effectsOf, published updates to effectsOfUpdate', async () => {
    const { app, router, room, draft } = await inRoomWithDrafts();
    const incidentEvents: string[] = [];
    const updates: string[] = [];
    const both: IncidentEventSubscriber & StatusUpdateSubscriber = {
      name: 'both',
      effectsOf: (event) => { incidentEvents.push(event.type); return []; },
      effectsOfUpdate: (event) => { updates.push(event.update.id); return []; },
    };
    app.container.get<EventExtensions>(TOKENS.EventExtensions).add(both);
    const update = await draft('external');
    await router.handleAction(room(), ACTIONS.approveUpdate, draftVersionRef(update));
    await app.flush();
    await app.container.get(CommandDispatcher).handleText(room(), 'sev SEV1');
    expect(updates).to.deep.equal([update.id]);
    expect(incidentEvents).to.deep.equal(['severity_changed']);
  });
});
