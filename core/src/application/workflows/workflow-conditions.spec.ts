import { expect } from 'chai';
import { declared, inStatus, bob, minutes, T0 } from '../../domain/domain-fixtures.spec-helper';
import { parseDuration } from '../../domain/workflow';
import { failedConditions } from './workflow-conditions';

const facts = { source: 'slack' };

describe('workflow conditions', () => {
  const payments = () => declared({ severity: 'SEV1', services: ['payments', 'api'] });

  it('hold when nothing is asked, and each one holds or fails on its own', () => {
    const incident = payments();
    expect(failedConditions({}, incident, facts, T0)).to.deep.equal([]);
    const cases: [Parameters<typeof failedConditions>[0], boolean][] = [
      [{ severity: ['SEV1'] }, true], [{ severity: ['sev1', 'SEV2'] }, true], [{ severity: ['SEV2'] }, false],
      [{ services: ['Payments'] }, true], [{ services: ['auth', 'api'] }, true], [{ services: ['auth'] }, false],
      [{ private: false }, true], [{ private: true }, false],
      [{ source: ['slack'] }, true], [{ source: ['alertmanager', 'api'] }, false],
      [{ status: ['triage'] }, true], [{ status: ['mitigated'] }, false],
      [{ roleVacant: 'communications_lead' }, true], [{ roleVacant: 'commander' }, false],
      [{ labels: { team: 'pay' } }, false],
    ];
    for (const [conditions, holds] of cases) {
      expect(failedConditions(conditions, incident, facts, T0).length === 0, JSON.stringify(conditions)).to.equal(holds);
    }
  });

  it('read the chat and alert sources as any chat platform and any alert source', () => {
    const incident = payments();
    expect(failedConditions({ source: ['chat'] }, incident, { source: 'slack', platform: 'slack' }, T0)).to.deep.equal([]);
    expect(failedConditions({ source: ['chat'] }, incident, { source: 'api', platform: 'api' }, T0)).to.have.length(1);
    expect(failedConditions({ source: ['alert'] }, incident, { source: 'alertmanager', platform: 'webhook' }, T0)).to.deep.equal([]);
    expect(failedConditions({ source: ['alert'] }, incident, { source: 'console', platform: 'console' }, T0)).to.have.length(1);
  });

  it('compare alert labels one by one, all of them', () => {
    const incident = payments();
    const labels = { team: 'pay', env: 'prod' };
    expect(failedConditions({ labels: { team: 'pay' } }, incident, { source: 'alertmanager', labels }, T0)).to.deep.equal([]);
    expect(failedConditions({ labels: { team: 'pay', env: 'staging' } }, incident, { source: 'alertmanager', labels }, T0)).to.have.length(1);
  });

  it('count minutes since the last published update, or since the declaration when none was, and leave it to the run when not looked up', () => {
    const incident = payments();
    const c = { minutesSinceLastUpdate: 30 };
    expect(failedConditions(c, incident, facts, minutes(10)), 'not looked up: the run checks it').to.deep.equal([]);
    expect(failedConditions(c, incident, facts, minutes(29), null)).to.have.length(1);
    expect(failedConditions(c, incident, facts, minutes(30), null)).to.deep.equal([]);
    expect(failedConditions(c, incident, facts, minutes(50), minutes(25))).to.have.length(1);
    expect(failedConditions(c, incident, facts, minutes(55), minutes(25))).to.deep.equal([]);
  });

  it('see a private incident and a taken role as they are now', () => {
    const secret = inStatus('investigating', { private: true, roles: [{ role: 'communications_lead', person: bob, assignedAt: T0, assignedBy: bob }] });
    expect(failedConditions({ private: true, status: ['investigating'] }, secret, facts, T0)).to.deep.equal([]);
    expect(failedConditions({ roleVacant: 'communications_lead' }, secret, facts, T0)).to.deep.equal(['communications_lead is taken']);
  });
});

describe('workflow durations', () => {
  it('read 15m, 2h, 1d and plain minutes, and refuse anything else', () => {
    expect([parseDuration('15m'), parseDuration('2h'), parseDuration('1d'), parseDuration(' 90 minutes '), parseDuration(5), parseDuration('0m')]).to.deep.equal([15, 120, 1440, 90, 5, 0]);
    for (const bad of ['15', 'soon', '-5m', '1.5h', '', '15s', 1.5, -1, null, {}]) expect(parseDuration(bad), String(bad)).to.equal(undefined);
  });
});
