import { inject, injectable } from 'inversify';
import type { ActionItemEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import type { ActionItemSubscriber } from '../../extensions/extension-points';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { outboxMessage } from '../topics';

/**
 * An open follow-up with a due date gets a timer at that date. Keyed by the item and its due date, so
 * another change (an owner, a redelivery) sets nothing new, while a new due date starts a new chain
 * (the old one finds the date changed and does nothing).
 */
@injectable()
export class FollowUpReminderSubscriber implements ActionItemSubscriber {
  readonly name = 'core.reminders.follow-ups';

  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  effectsOfActionItem(event: ActionItemEvent, _incident: Incident, _now: Date): NewOutboxMessage[] {
    const { item } = event;
    if (!this.settings.reminders.actionItemsOverdue || item.state !== 'open' || !item.dueAt) return [];
    return [actionItemDueTimer(item.id, item.dueAt.getTime(), 1, item.dueAt)];
  }
}

export const actionItemDueTimer = (actionItemId: string, dueMs: number, n: number, at: Date): NewOutboxMessage =>
  outboxMessage('reminder.action_item_due', { actionItemId, dueMs, n }, `${actionItemId}:${dueMs}:${n}`, at);
