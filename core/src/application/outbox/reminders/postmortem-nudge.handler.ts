import { inject, injectable } from 'inversify';
import { formatDuration } from '../../../domain/durations';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Clock } from '../../ports/system.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { postmortemNudgeView } from '../../views/reminders.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { COMMANDER_ROLE, nameOf, ReminderPosts } from './reminder-posts';

/**
 * The postmortem is not reviewed N days after the resolution: the Incident Commander (else the room)
 * is nudged once, in the room. Nothing when it was reviewed (`published`, shown as "reviewed"), when the
 * incident was reopened or closed since, or when this timer is of an earlier resolution.
 */
@injectable()
export class PostmortemNudgeHandler implements OutboxHandler<'reminder.postmortem'> {
  readonly topic = 'reminder.postmortem' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ReminderPosts) private readonly posts: ReminderPosts,
  ) {}

  async handle(p: TopicPayloads['reminder.postmortem'], message: OutboxMessage): Promise<void> {
    if (this.settings.reminders.postmortemAfterDays <= 0) return;
    const incident = await this.repos.incidents.findById(p.incidentId);
    if (!incident || (incident.status !== 'resolved' && incident.status !== 'postmortem')) return;
    if (incident.snapshot().milestones.resolved?.getTime() !== p.resolvedMs) return;
    const postmortem = await this.repos.postmortems.findByIncident(incident.id);
    if (postmortem?.state === 'published') return;
    const sinceMs = this.clock.now().getTime() - p.resolvedMs;
    const commander = incident.holdersOf(COMMANDER_ROLE)[0];
    await this.posts.remind(incident, {
      key: message.idempotencyKey,
      viewFor: (room, prefix) => postmortemNudgeView(incident, room, sinceMs, commander, postmortem !== undefined, prefix),
      summary: `Postmortem reminder sent to ${nameOf(commander)}: resolved ${formatDuration(sinceMs)} ago, postmortem not reviewed.`,
      data: { reminder: 'postmortem', to: commander },
    });
  }
}
