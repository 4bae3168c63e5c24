import { expect } from 'chai';
import { MusterError } from '../../errors';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import { AccessPolicy } from '../access/access-policy';
import { IncidentChanges } from './incident-changes';

/**
 * A person's change and a system write to the same incident at once: room set-up saving the card's
 * message id while a responder is assigned a role. The person's intent must land on the fresh
 * incident (the multi-instance reminder test once lost "assign comms @bob" to "changed meanwhile"),
 * and a conflict with what the person saw must still reach them.
 */
describe('IncidentChanges: a change that meets another one committed meanwhile', () => {
  async function scene() {
    const app = buildApp();
    await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), '/incident declare "Checkout errors" --sev SEV1');
    await app.flush();
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    const room = incident.roomOn('console', 'local')!;
    const changes = app.container.get(IncidentChanges);
    /** Room set-up's kind of write, committed outside the person's transaction. */
    const systemWrite = async (messageId: string) => {
      const fresh = (await app.store.repositories.incidents.findById(incident.id))!;
      fresh.recordCard(room, messageId, app.clock.now());
      await app.store.repositories.incidents.save(fresh);
    };
    return { app, incident, room, changes, systemWrite, inRoom: (who: string, key: string) => ({ ...app.ctx(who, room), idempotencyKey: key }) };
  }

  it('runs the person\'s intent again on the fresh incident: both changes kept, recorded once', async () => {
    const s = await scene();
    let runs = 0;
    const outcome = await s.changes.apply(s.inRoom('alice', 'assign-1'), undefined, async (incident, _tx, now) => {
      runs++;
      if (runs === 1) await s.systemWrite('card-2');
      incident.assignRole('comms', person('bob'), person('alice'), now, new RoleCatalog());
      return 'assigned';
    });
    expect(outcome.result).to.equal('assigned');
    expect(runs, 'once on the stale copy, once on the fresh one').to.equal(2);
    const stored = (await s.app.store.repositories.incidents.findById(s.incident.id))!;
    expect(stored.holdersOf('communications_lead')).to.deep.equal([person('bob')]);
    expect(stored.roomOn('console', 'local')!.cardMessageId, 'the system write survived').to.equal('card-2');
    const entries = await s.app.store.repositories.timeline.list(s.incident.id, { kinds: ['role_change'] });
    expect(entries.filter((e) => /bob is now Communications Lead/.test(e.text)), 'one timeline entry, not one per try').to.have.length(1);
  });

  it('is still a redelivery after the retry: the same request again changes nothing', async () => {
    const s = await scene();
    let runs = 0;
    const assignBob = async (incident: Parameters<Parameters<IncidentChanges['apply']>[2]>[0], now: Date) => {
      runs++;
      if (runs === 1) await s.systemWrite('card-2');
      incident.assignRole('comms', person('bob'), person('alice'), now, new RoleCatalog());
    };
    await s.changes.apply(s.inRoom('alice', 'assign-2'), undefined, (incident, _tx, now) => assignBob(incident, now));
    const again = await s.changes.apply(s.inRoom('alice', 'assign-2'), undefined, (incident, _tx, now) => assignBob(incident, now));
    expect(again.replayed).to.equal(true);
    expect(runs, 'the redelivery did not run the change').to.equal(2);
  });

  it('lets a conflict with what the person saw reach them, after one run', async () => {
    const s = await scene();
    let runs = 0;
    const refused = await s.changes.apply(s.inRoom('alice', 'edit-1'), undefined, () => {
      runs++;
      throw new MusterError('conflict', '"Impact" was changed by bob after you opened it, so your edit was not saved.');
    }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(MusterError).with.property('message').that.matches(/changed by bob after you opened it/);
    expect(runs).to.equal(1);
  });

  it('gives up after five stale copies in a row, with nothing half-written', async () => {
    const s = await scene();
    let runs = 0;
    const refused = await s.changes.apply(s.inRoom('alice', 'assign-3'), undefined, async (incident, _tx, now) => {
      runs++;
      await s.systemWrite(`card-${runs + 10}`);
      incident.assignRole('comms', person('bob'), person('alice'), now, new RoleCatalog());
    }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(MusterError).with.property('code', 'conflict');
    expect((refused as MusterError).message).to.match(/changed by someone else meanwhile; look at it again and retry/);
    expect(runs).to.equal(5);
    const stored = (await s.app.store.repositories.incidents.findById(s.incident.id))!;
    expect(stored.holdersOf('communications_lead'), 'no role from a refused try').to.deep.equal([]);
    const entries = await s.app.store.repositories.timeline.list(s.incident.id, { kinds: ['role_change'] });
    expect(entries.some((e) => /bob/.test(e.text)), 'no timeline entry from a refused try').to.equal(false);
    const retried = await s.changes.apply(s.inRoom('alice', 'assign-3'), undefined, () => 'now');
    expect(retried.replayed, 'the refused request was not claimed: sending it again runs it').to.equal(false);
  });

  it('asks again on the fresh incident whether the person may: a commander replaced meanwhile is refused on the retry, nothing written', async () => {
    const s = await scene();
    const handOver = async (to: string) => {
      const fresh = (await s.app.store.repositories.incidents.findById(s.incident.id))!;
      fresh.assignRole('commander', person(to), person('alice'), s.app.clock.now(), new RoleCatalog());
      await s.app.store.repositories.incidents.save(fresh);
    };
    await handOver('bob');
    const access = s.app.container.get(AccessPolicy);
    const before = (await s.app.store.repositories.incidents.findById(s.incident.id))!;
    let runs = 0;
    // What ChangeSeverity does, with carol taking command between bob's read and his commit.
    const raiseAsBob = () => s.changes.apply(s.inRoom('bob', 'sev-1'), undefined, async (incident, _tx, now) => {
      runs++;
      access.assert(s.inRoom('bob', 'sev-1'), 'incident.severity', incident, 'change the severity');
      if (runs === 1) await handOver('carol');
      incident.changeSeverity('SEV2', person('bob'), now, new SeverityCatalog());
    });
    const refused = await raiseAsBob().catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(MusterError).with.property('code', 'not_permitted');
    expect(runs, 'permitted on the stale copy, refused on the fresh one').to.equal(2);
    const stored = (await s.app.store.repositories.incidents.findById(s.incident.id))!;
    expect(stored.severity, 'the severity bob may no longer change is as it was').to.equal(before.severity);
    expect(stored.holdersOf('commander')).to.deep.equal([person('carol')]);
    const entries = await s.app.store.repositories.timeline.list(s.incident.id, {});
    expect(entries.some((e) => /SEV2/.test(e.text)), 'no timeline entry from the refused change').to.equal(false);
    const again = await raiseAsBob().catch((error: unknown) => error);
    expect(again, 'the refused request was not claimed as done: sent again it is asked again, and refused').to.be.instanceOf(MusterError).with.property('code', 'not_permitted');
  });
});
