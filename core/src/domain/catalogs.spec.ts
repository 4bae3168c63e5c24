import { expect } from 'chai';
import { MusterError } from '../errors';
import { DEFAULT_ROLES, RoleCatalog } from './roles';
import { SeverityCatalog } from './severity';

describe('severity and role catalogues', () => {
  it('finds severities in any case, defaults to the least severe and orders them', () => {
    const s = new SeverityCatalog();
    expect(s.get('sev1').id).to.equal('SEV1');
    expect(s.default.id).to.equal('SEV3');
    expect(s.compare('SEV1', 'SEV3')).to.be.lessThan(0);
    expect(() => s.get('P1')).to.throw(MusterError, 'There is no severity "P1". Choose one of SEV1, SEV2, SEV3.');
  });

  it('accepts a severity by its label, in any case, as the card shows it', () => {
    const s = new SeverityCatalog();
    expect(s.get('critical').id).to.equal('SEV1');
    expect(s.get(' MAJOR ').id).to.equal('SEV2');
    expect(s.get('Minor').id).to.equal('SEV3');
    expect(s.find('crit'), 'no prefix guessing').to.equal(undefined);
  });

  it('refuses catalogues that would confuse people', () => {
    expect(() => new SeverityCatalog([])).to.throw(MusterError, /At least one severity/);
    const sev = { id: 'P1', label: 'x', description: '', updateCadenceMinutes: 30, createsRoom: true, page: [], conference: false };
    expect(() => new SeverityCatalog([sev, { ...sev, id: 'p1' }])).to.throw(/configured twice/);
    expect(() => new RoleCatalog(DEFAULT_ROLES.filter((r) => r.id !== 'commander'))).to.throw(/needs a "commander" role/);
    expect(() => new RoleCatalog([...DEFAULT_ROLES, { id: 'boss', label: 'Boss', aliases: ['ic'], multiple: false, description: '' }])).to.throw(/"ic" is used by two roles/);
  });

  it('resolves roles by id and alias, whatever the spelling', () => {
    const r = new RoleCatalog();
    expect(r.get('IC').id).to.equal('commander');
    expect(r.get('Incident Commander').id).to.equal('commander');
    expect(r.get('communications_lead').id).to.equal('communications_lead');
    expect(r.get('comms').id).to.equal('communications_lead');
    expect(() => r.get('boss')).to.throw(MusterError, /Roles: `commander` \(Incident Commander\), `comms` \(Communications Lead\), `ops` \(Operations Lead\), `scribe` \(Scribe\), `sme` \(Subject-Matter Expert\)\./);
  });
});
