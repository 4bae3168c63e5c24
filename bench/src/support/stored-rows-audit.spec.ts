import { expect } from 'chai';
import { auditStoredRows } from './stored-rows-audit';

const row = (key: string, message = key.split(':').at(-1)!) => ({ idempotency_key: key, external_message_id: message });

describe('bench: auditing stored message rows against what was acknowledged', () => {
  it('passes a room where every acknowledged message is stored once', () => {
    expect(auditStoredRows([row('teams:c:1'), row('teams:c:2')], new Set(['teams:c:1', 'teams:c:2'])))
      .to.deep.equal({ rows: 2, duplicates: 0, lost: 0, storedNotAcked: 0 });
  });

  it('counts a message answered 200 but not stored as lost', () => {
    expect(auditStoredRows([row('teams:c:1')], new Set(['teams:c:1', 'teams:c:2'])).lost).to.equal(1);
  });

  it('counts the same platform message stored under two keys as a duplicate', () => {
    const audit = auditStoredRows([row('teams:c:1', 'm1'), row('teams:c:1-again', 'm1')], new Set(['teams:c:1']));
    expect(audit.duplicates).to.equal(1);
    expect(audit.storedNotAcked, 'the second key was never acknowledged').to.equal(1);
  });

  it('does not call a stored row that was never answered 200 lost (the platform would redeliver it)', () => {
    const audit = auditStoredRows([row('teams:c:1'), row('teams:c:2')], new Set(['teams:c:1']));
    expect(audit).to.include({ lost: 0, duplicates: 0, storedNotAcked: 1 });
  });
});
