import { expect } from 'chai';
import { MusterError } from '../errors';
import { Incident } from './incident';
import { RoleCatalog } from './roles';
import { SeverityCatalog } from './severity';
import { alice, bob, carol, declared, inStatus, minutes, T0 } from './domain-fixtures.spec-helper';

const severities = new SeverityCatalog();
const roles = new RoleCatalog();

const codeOf = (fn: () => void): string | undefined => {
  try { fn(); } catch (e) { return e instanceof MusterError ? e.code : 'not-a-muster-error'; }
  return undefined;
};

describe('Incident aggregate', () => {
  it('declares in triage with the declarer as commander and records what happened', () => {
    const incident = Incident.declare({ id: 'i', number: 7, title: '  Checkout errors ', severity: 'sev1', services: ['api', 'api', ' db '], declaredBy: alice, source: 'slack', at: T0, declarerTakesCommand: true }, severities);
    expect(incident.reference).to.equal('INC-7');
    expect(incident.title).to.equal('Checkout errors');
    expect(incident.severity, 'severity normalised').to.equal('SEV1');
    expect(incident.status).to.equal('triage');
    expect(incident.snapshot().services).to.deep.equal(['api', 'db']);
    expect(incident.holdersOf('commander')).to.deep.equal([alice]);
    expect(incident.pullEvents().map((e) => e.type)).to.deep.equal(['declared', 'role_assigned']);
    expect(incident.pullEvents(), 'events are handed out once').to.deep.equal([]);
  });

  it('an alert declaration leaves command vacant', () => {
    const incident = Incident.declare({ id: 'i', number: 8, title: 'High error rate', severity: 'SEV2', declaredBy: { platform: 'webhook', id: 'alertmanager' }, source: 'alertmanager', at: T0 }, severities);
    expect(incident.holdersOf('commander')).to.deep.equal([]);
  });

  it('refuses an empty or oversize title and an unknown severity, saying what to do', () => {
    const base = { id: 'i', number: 1, severity: 'SEV2', declaredBy: alice, source: 'console', at: T0 };
    expect(() => Incident.declare({ ...base, title: '   ' }, severities)).to.throw(MusterError, /needs a title/);
    expect(() => Incident.declare({ ...base, title: 'x'.repeat(201) }, severities)).to.throw(MusterError, /keep it under 200/);
    expect(() => Incident.declare({ ...base, title: 'ok', severity: 'SEV9' }, severities)).to.throw(MusterError, /Choose one of SEV1, SEV2, SEV3/);
  });

  it('changes severity, refusing the same level and finished incidents', () => {
    const incident = declared();
    incident.changeSeverity('SEV1', bob, minutes(1), severities);
    expect(incident.severity).to.equal('SEV1');
    expect(incident.pullEvents()[0]).to.include({ type: 'severity_changed', from: 'SEV2', to: 'SEV1' });
    expect(codeOf(() => incident.changeSeverity('sev1', bob, minutes(2), severities))).to.equal('invalid_argument');
    expect(codeOf(() => inStatus('closed').changeSeverity('SEV1', bob, minutes(2), severities))).to.equal('invalid_state');
  });

  it('hands a single-holder role over, recording who had it, and lets many hold a multi role', () => {
    const incident = declared();
    incident.assignRole('ic', bob, alice, minutes(1), roles);
    expect(incident.holdersOf('commander')).to.deep.equal([bob]);
    expect(incident.pullEvents()[0]).to.deep.include({ type: 'role_assigned', role: 'commander', person: bob, previous: alice });
    incident.assignRole('sme', alice, bob, minutes(2), roles);
    incident.assignRole('expert', carol, bob, minutes(3), roles);
    expect(incident.holdersOf('sme')).to.deep.equal([alice, carol]);
    expect(incident.rolesOf(alice)).to.deep.equal(['sme']);
    expect(codeOf(() => incident.assignRole('sme', carol, bob, minutes(4), roles))).to.equal('invalid_argument');
    expect(codeOf(() => incident.assignRole('janitor', carol, bob, minutes(4), roles))).to.equal('unknown_role');
  });

  it('links one room per platform and workspace and remembers its card', () => {
    const incident = declared();
    const room = { platform: 'slack' as const, workspaceId: 'T1', conversationId: 'C1', name: 'inc-42-checkout-errors' };
    incident.linkRoom(room, minutes(1));
    incident.linkRoom(room, minutes(2));
    expect(incident.snapshot().links.rooms).to.have.length(1);
    expect(incident.pullEvents().filter((e) => e.type === 'room_linked')).to.have.length(1);
    incident.recordCard(room, '1700000000.0001', minutes(3));
    expect(incident.roomOn('slack', 'T1')?.cardMessageId).to.equal('1700000000.0001');
  });
});
