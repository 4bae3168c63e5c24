import { expect } from 'chai';
import { INCIDENT_STATUSES, SeverityCatalog, type SeverityLevel } from '@muster/core';
import { publicStatusOf, stateOfIncident, worstState } from './component-state';

const level = (id: string): SeverityLevel => ({ id, label: id, description: '', updateCadenceMinutes: 60, createsRoom: false, page: [], conference: false });

describe('status page component states', () => {
  it('derives the state from the rank of the severity in the configured order, not from its name', () => {
    const custom = new SeverityCatalog([level('P0'), level('P1'), level('P2'), level('P3')]);
    expect(stateOfIncident('P0', 'investigating', custom)).to.equal('major_outage');
    expect(stateOfIncident('p1', 'triage', custom)).to.equal('partial_outage');
    expect(stateOfIncident('P2', 'investigating', custom)).to.equal('degraded_performance');
    expect(stateOfIncident('P3', 'investigating', custom)).to.equal('degraded_performance');
    // Default names mean nothing in an installation that renamed its levels.
    expect(stateOfIncident('SEV1', 'investigating', custom), 'a level no longer configured').to.equal('degraded_performance');
  });

  it('counts a mitigated incident as degraded whatever its severity, and one level alone as a major outage', () => {
    const defaults = new SeverityCatalog();
    expect(stateOfIncident('SEV1', 'mitigated', defaults)).to.equal('degraded_performance');
    expect(stateOfIncident('SEV1', 'investigating', defaults)).to.equal('major_outage');
    expect(stateOfIncident('ONLY', 'investigating', new SeverityCatalog([level('ONLY')]))).to.equal('major_outage');
  });

  it('takes the worst of several incidents and reads operational for none', () => {
    expect(worstState([])).to.equal('operational');
    expect(worstState(['degraded_performance', 'major_outage', 'partial_outage'])).to.equal('major_outage');
  });

  it('words the lifecycle as status pages do', () => {
    expect(INCIDENT_STATUSES.map(publicStatusOf))
      .to.deep.equal(['investigating', 'investigating', 'monitoring', 'resolved', 'resolved', 'resolved', 'resolved']);
  });
});
