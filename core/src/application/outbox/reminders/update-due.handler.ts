import { inject, injectable } from 'inversify';
import { formatDuration } from '../../../domain/durations';
import type { Incident } from '../../../domain/incident';
import { isOpen, type IncidentStatus } from '../../../domain/lifecycle';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Clock } from '../../ports/system.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { updateDueView } from '../../views/reminders.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { COMMANDER_ROLE, COMMS_ROLE, nameOf, ReminderPosts } from './reminder-posts';
import { updateDueTimer } from './update-reminder.subscriber';

/**
 * A status update is due. At fire time it does nothing when the incident is no longer open
 * (mitigated still counts as open: stakeholders still wait), when its severity changed, or when a newer
 * chain started after this one's anchor (an update was published, the severity changed, the incident
 * was reopened): that interval was answered, or belongs to the new chain. Otherwise it reminds the
 * Communications Lead, else the Incident Commander, else the room, and enqueues the next interval one
 * cadence from now (from when it fired, not from the anchor: a late timer does not bunch reminders up).
 */
@injectable()
export class UpdateDueHandler implements OutboxHandler<'reminder.update_due'> {
  readonly topic = 'reminder.update_due' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ReminderPosts) private readonly posts: ReminderPosts,
  ) {}

  async handle(p: TopicPayloads['reminder.update_due'], message: OutboxMessage): Promise<void> {
    const cadence = this.settings.severities.find(p.severity)?.updateCadenceMinutes ?? 0;
    if (!this.settings.reminders.updates || cadence <= 0) return;
    const incident = await this.repos.incidents.findById(p.incidentId);
    if (!incident || !incident.isOpen || incident.severity !== p.severity) return;
    const published = (await this.repos.statusUpdates.listByIncident(incident.id)).filter((u) => u.state === 'published' && u.publishedAt);
    if (published.some((u) => u.publishedAt!.getTime() > p.anchorMs) || (await this.restartedAfter(incident, p.anchorMs))) return;
    const now = this.clock.now();
    const to = incident.holdersOf(COMMS_ROLE)[0] ?? incident.holdersOf(COMMANDER_ROLE)[0];
    const sinceMs = now.getTime() - p.anchorMs;
    const since = published.some((u) => u.publishedAt!.getTime() === p.anchorMs) ? 'update' as const
      : incident.snapshot().milestones.declared?.getTime() === p.anchorMs ? 'declared' as const : 'change' as const;
    const due = { sinceMs, cadenceMinutes: cadence, severity: p.severity, to, since };
    await this.posts.remind(incident, {
      key: message.idempotencyKey,
      viewFor: (room, prefix) => updateDueView(incident, room, due, prefix),
      summary: `Update reminder sent to ${nameOf(to)}: no status update for ${formatDuration(sinceMs)} (${p.severity} calls for one every ${cadence} min).`,
      data: { reminder: 'update_due', interval: p.n, anchorMs: p.anchorMs, to },
      next: updateDueTimer(incident.id, p.anchorMs, p.n + 1, p.severity, new Date(now.getTime() + cadence * 60_000)),
    });
  }

  /**
   * Whether a severity change or a reopen after the anchor started a newer chain. Read from the
   * timeline, where both are recorded with the time of the change, because the incident keeps no history.
   */
  private async restartedAfter(incident: Incident, anchorMs: number): Promise<boolean> {
    const entries = await this.repos.timeline.list(incident.id, { kinds: ['severity_change', 'status_change'] });
    return entries.some((e) => e.occurredAt.getTime() > anchorMs && (e.kind === 'severity_change'
      || (e.kind === 'status_change' && !isOpen(e.data.from as IncidentStatus) && isOpen(e.data.to as IncidentStatus))));
  }
}
