import { expect } from 'chai';
import { MusterError } from '../errors';
import { approveStatusUpdate, draftStatusUpdate, editStatusUpdate, markStatusUpdatePublished, rejectStatusUpdate, type StatusUpdate } from './status-update';
import { alice, bob, minutes, T0 } from './domain-fixtures.spec-helper';

const draft = (): StatusUpdate => draftStatusUpdate({ id: 'u1', incidentId: 'inc-1', audience: 'external', body: ' We are investigating. ', author: { kind: 'ai', model: 'gpt', requestedBy: alice }, at: T0 });

describe('status updates', () => {
  it('every new draft, AI or human, waits for approval', () => {
    expect(draft().state).to.equal('pending_approval');
    expect(draft().body).to.equal('We are investigating.');
  });

  it('approve then publish records who approved and where it went', () => {
    const approved = approveStatusUpdate(draft(), bob, minutes(1));
    expect(approved).to.include({ state: 'approved' });
    expect(approved.decidedBy).to.deep.equal(bob);
    const published = markStatusUpdatePublished(approved, [{ kind: 'slack-channel', name: '#status' }], minutes(2));
    expect(published.state).to.equal('published');
    expect(published.publishedTo).to.deep.equal([{ kind: 'slack-channel', name: '#status' }]);
  });

  it('cannot publish what was not approved, nor approve what was rejected', () => {
    expect(() => markStatusUpdatePublished(draft(), [], minutes(1))).to.throw(MusterError, /pending approval; it cannot become published/);
    const rejected = rejectStatusUpdate(draft(), bob, minutes(1), ' too vague ');
    expect(rejected.rejectionReason).to.equal('too vague');
    expect(() => approveStatusUpdate(rejected, bob, minutes(2))).to.throw(MusterError, /rejected/);
  });

  it('edits only drafts, keeping who edited, and refuses empty or oversize bodies', () => {
    const edited = editStatusUpdate(draft(), 'Checkout is degraded for some customers.', bob, minutes(1));
    expect(edited.body).to.equal('Checkout is degraded for some customers.');
    expect(edited.editedBy).to.deep.equal(bob);
    expect(edited.state).to.equal('pending_approval');
    expect(() => editStatusUpdate(edited, '  ', bob, minutes(2))).to.throw(MusterError, /needs some text/);
    expect(() => editStatusUpdate(edited, 'x'.repeat(3001), bob, minutes(2))).to.throw(MusterError, /under 3000/);
    expect(() => editStatusUpdate(approveStatusUpdate(edited, bob, minutes(3)), 'late', bob, minutes(4))).to.throw(MusterError, /only drafts/);
  });
});
