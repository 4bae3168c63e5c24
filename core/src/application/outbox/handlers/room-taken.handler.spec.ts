import { expect } from 'chai';
import type { ConversationRef } from '../../../domain/person';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import type { CreateRoom } from '../../ports/chat-gateway.port';

/** The rule capture's room cache relies on: a room, once an incident's, is never another incident's. */
describe('room set-up: a room belongs to one incident', () => {
  it('refuses to link a room the platform handed back that another incident already has', async () => {
    const app = buildApp();
    const createRoom = app.gateway.createRoom.bind(app.gateway);
    let first: ConversationRef | undefined;
    // A misbehaving platform: the second incident's "new" room is the first incident's room.
    app.gateway.createRoom = async (r: CreateRoom) => (first ??= await createRoom(r));
    const commands = app.container.get(CommandDispatcher);
    await commands.handleText(app.ctx('alice'), 'declare Checkout errors --sev SEV2');
    await app.flush();
    await commands.handleText(app.ctx('alice'), 'declare Payments down --sev SEV2');
    await app.flush();

    const [one, two] = [await app.store.repositories.incidents.findByNumber('default', 1), await app.store.repositories.incidents.findByNumber('default', 2)];
    expect(one!.roomOn('console', 'local')?.conversationId).to.equal(first!.conversationId);
    expect(two!.roomOn('console', 'local'), 'the second incident must not share the room').to.equal(undefined);
    expect((await app.store.repositories.incidents.findByRoom(first!))!.id).to.equal(one!.id);
  });

  it('links each incident its own room as usual', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    await commands.handleText(app.ctx('alice'), 'declare Checkout errors --sev SEV2');
    await commands.handleText(app.ctx('alice'), 'declare Payments down --sev SEV2');
    await app.flush();

    const rooms = await Promise.all([1, 2].map(async (n) => (await app.store.repositories.incidents.findByNumber('default', n))!.roomOn('console', 'local')!.conversationId));
    expect(new Set(rooms).size).to.equal(2);
  });
});
