import { expect } from 'chai';
import { auditAlertIncidents } from './alert-audit';
import type { WebhookDelivery } from './alertmanager-plan';

const d = (group: string, n: number, role: WebhookDelivery['role'] = n === 0 ? 'new-group' : 'later-firing'): WebhookDelivery => ({ body: '{}', group, identity: `${group}/${n}`, role });
const row = (title: string, incidents: number, entries: number) => ({ title, incidents, alert_entries: String(entries) });

describe('bench: auditing alert incidents against the webhooks answered 200', () => {
  const sent = [d('A', 0), d('A', 1), d('A', 1, 'redelivery'), d('B', 0)];

  it('passes when each group has one incident and each distinct notification one entry', () => {
    expect(auditAlertIncidents([row('A', 1, 2), row('B', 1, 1)], sent, sent)).to.deep.equal({
      groupsAcked: 2, incidents: 2, lostIncidents: 0, duplicateIncidents: 0, alertEntries: 3, lostEntries: 0, duplicateEntries: 0,
    });
  });

  it('counts an acked group without an incident, and its notifications, as lost', () => {
    const audit = auditAlertIncidents([row('A', 1, 2)], sent, sent);
    expect(audit).to.include({ lostIncidents: 1, lostEntries: 1 });
  });

  it('counts a second incident for a group, and a redelivery noted again, as duplicates', () => {
    const audit = auditAlertIncidents([row('A', 2, 3), row('B', 1, 1)], sent, sent);
    expect(audit).to.include({ duplicateIncidents: 1, duplicateEntries: 1, lostIncidents: 0, lostEntries: 0 });
  });

  it('does not call a notification that was never answered 200 lost (Alertmanager would send it again)', () => {
    const acked = sent.filter((x) => x.group === 'A');
    expect(auditAlertIncidents([row('A', 1, 2)], sent, acked)).to.include({ lostIncidents: 0, lostEntries: 0, duplicateEntries: 0 });
  });
});
