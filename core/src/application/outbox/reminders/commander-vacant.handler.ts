import { inject, injectable } from 'inversify';
import { formatDuration } from '../../../domain/durations';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Clock } from '../../ports/system.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { commanderVacantView } from '../../views/reminders.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { COMMANDER_ROLE, nameOf, ReminderPosts } from './reminder-posts';

/**
 * Nobody took command: the room is reminded once, tagging whoever declared. Nothing when someone is
 * Incident Commander by now or the incident is no longer open. Once only: the incident card shows the
 * vacancy from then on, and a room told every ten minutes learns to ignore Muster.
 */
@injectable()
export class CommanderVacantHandler implements OutboxHandler<'reminder.commander_vacant'> {
  readonly topic = 'reminder.commander_vacant' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ReminderPosts) private readonly posts: ReminderPosts,
  ) {}

  async handle(p: TopicPayloads['reminder.commander_vacant'], message: OutboxMessage): Promise<void> {
    if (this.settings.reminders.commanderVacantMinutes <= 0) return;
    const incident = await this.repos.incidents.findById(p.incidentId);
    if (!incident || !incident.isOpen || incident.holdersOf(COMMANDER_ROLE).length > 0) return;
    const vacantMs = this.clock.now().getTime() - p.declaredMs;
    const declarer = incident.snapshot().declaredBy;
    await this.posts.remind(incident, {
      key: message.idempotencyKey,
      viewFor: (room, prefix) => commanderVacantView(incident, room, vacantMs, declarer, prefix),
      summary: `Reminder sent to ${nameOf(declarer)}: no Incident Commander for ${formatDuration(vacantMs)}.`,
      data: { reminder: 'commander_vacant', to: declarer },
    });
  }
}
