import { expect } from 'chai';
import type { IntegrationStatus } from './integration';
import { declared, minutes, T0 } from './domain-fixtures.spec-helper';

const jira = (changes: Partial<IntegrationStatus> = {}): IntegrationStatus => ({
  key: 'ticket:jira', kind: 'ticket', pluginId: 'jira', provider: 'Jira', state: 'done', link: { url: 'https://jira.example/browse/OPS-1', title: 'OPS-1' }, updatedAt: '', ...changes,
});

describe('Incident: integration lines', () => {
  it('keeps one line per key, and makes an event only when people would see a difference', () => {
    const incident = declared();
    incident.pullEvents();
    expect(incident.recordIntegration(jira({ state: 'retrying', link: undefined, lastError: 'HTTP 503' }), minutes(1))).to.equal(true);
    expect(incident.recordIntegration(jira({ state: 'retrying', link: undefined, lastError: 'HTTP 503' }), minutes(2)), 'the same failure again stores nothing').to.equal(false);
    expect(incident.recordIntegration(jira(), minutes(3))).to.equal(true);
    expect(incident.integrations).to.have.length(1);
    expect(incident.integration('ticket:jira')).to.deep.include({ state: 'done', updatedAt: minutes(3).toISOString() });
    expect(incident.pullEvents().map((e) => e.type === 'integration_changed' && [e.status.state, e.previous])).to.deep.equal([['retrying', undefined], ['done', 'retrying']]);
  });

  it('bounds what a remote answered: one line, at most 300 characters of detail and error', () => {
    const incident = declared();
    incident.recordIntegration(jira({ detail: `paged ${'Ana Lima, '.repeat(100)}\nand more`, lastError: 'x'.repeat(5000) }), T0);
    const line = incident.integration('ticket:jira')!;
    expect(line.detail!.length).to.be.at.most(300);
    expect(line.detail).to.not.include('\n');
    expect(line.lastError!.length).to.be.at.most(300);
  });
});
