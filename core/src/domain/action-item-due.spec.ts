import { expect } from 'chai';
import { isMusterError } from '../errors';
import { dueDateOf, newActionItem, rescheduleActionItem, completeActionItem } from './action-item';

const NOW = new Date('2026-12-01T22:00:00.000Z');
const refusal = (run: () => unknown): string => {
  try { run(); } catch (error) { if (isMusterError(error, 'invalid_argument') || isMusterError(error, 'invalid_state')) return error.message; throw error; }
  throw new Error('expected a refusal');
};

describe('follow-up due dates', () => {
  it('counts hours, days and weeks from now, and a day as its end (the next midnight UTC)', () => {
    expect(dueDateOf({ in: { amount: 12, unit: 'h' } }, NOW).toISOString()).to.equal('2026-12-02T10:00:00.000Z');
    expect(dueDateOf({ in: { amount: 3, unit: 'd' } }, NOW).toISOString()).to.equal('2026-12-04T22:00:00.000Z');
    expect(dueDateOf({ in: { amount: 2, unit: 'w' } }, NOW).toISOString()).to.equal('2026-12-15T22:00:00.000Z');
    expect(dueDateOf({ on: '2026-12-24' }, NOW).toISOString()).to.equal('2026-12-25T00:00:00.000Z');
    expect(dueDateOf({ on: '2026-12-01' }, NOW).toISOString(), 'today is due at its end, still ahead').to.equal('2026-12-02T00:00:00.000Z');
  });

  it('refuses a day already past, one years away, and a due date on an item that is not open', () => {
    expect(refusal(() => dueDateOf({ on: '2026-11-30' }, NOW))).to.include('already past');
    expect(refusal(() => dueDateOf({ in: { amount: 9999, unit: 'w' } }, NOW))).to.include('five years');
    expect(refusal(() => newActionItem({ id: 'a', incidentId: 'i', text: 'x', createdBy: { platform: 'console', id: 'a' }, at: NOW, dueAt: new Date(NOW.getTime() - 1) }))).to.include('future');
    const done = completeActionItem(newActionItem({ id: 'a', incidentId: 'i', text: 'x', createdBy: { platform: 'console', id: 'a' }, at: NOW }), NOW);
    expect(refusal(() => rescheduleActionItem(done, new Date(NOW.getTime() + 1000), NOW))).to.include('only open items');
  });
});
