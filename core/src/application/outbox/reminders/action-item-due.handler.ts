import { inject, injectable } from 'inversify';
import { formatDuration } from '../../../domain/durations';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Clock } from '../../ports/system.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { actionItemOverdueView } from '../../views/reminders.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { nameOf, ReminderPosts } from './reminder-posts';
import { actionItemDueTimer } from './follow-up-reminder.subscriber';

/** Overdue follow-ups are reminded again this often while they stay open. */
export const FOLLOW_UP_REPEAT_MS = 86_400_000;

/**
 * A follow-up is past its due date: its owner is reminded in the incident's room (or the room, when
 * it has no owner), then once every 24 hours while it stays open, whatever the incident's state
 * (follow-ups outlive incidents). Nothing once it is done or cancelled, or when its due date changed
 * (the new date has its own chain).
 */
@injectable()
export class ActionItemDueHandler implements OutboxHandler<'reminder.action_item_due'> {
  readonly topic = 'reminder.action_item_due' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ReminderPosts) private readonly posts: ReminderPosts,
  ) {}

  async handle(p: TopicPayloads['reminder.action_item_due'], message: OutboxMessage): Promise<void> {
    if (!this.settings.reminders.actionItemsOverdue) return;
    const item = await this.repos.actionItems.findById(p.actionItemId);
    if (!item || item.state !== 'open' || item.dueAt?.getTime() !== p.dueMs) return;
    const incident = await this.repos.incidents.findById(item.incidentId);
    if (!incident) return;
    const number = (await this.repos.actionItems.listByIncident(incident.id)).findIndex((i) => i.id === item.id) + 1;
    const now = this.clock.now();
    const overdueMs = now.getTime() - p.dueMs;
    await this.posts.remind(incident, {
      key: message.idempotencyKey,
      viewFor: (room, prefix) => actionItemOverdueView(incident, room, item, number, overdueMs, prefix),
      summary: `Follow-up reminder sent to ${nameOf(item.owner)}: "${item.text}" overdue by ${formatDuration(overdueMs)}.`,
      data: { reminder: 'action_item_due', actionItemId: item.id, interval: p.n, to: item.owner },
      next: actionItemDueTimer(item.id, p.dueMs, p.n + 1, new Date(now.getTime() + FOLLOW_UP_REPEAT_MS)),
    });
  }
}
