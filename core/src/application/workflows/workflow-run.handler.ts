import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { timelineEntry } from '../../domain/timeline';
import { delayOf, type WorkflowRule } from '../../domain/workflow';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { effectStep } from '../outbox/effect-step';
import type { OutboxHandler } from '../outbox/outbox-handler';
import type { TopicPayloads } from '../outbox/topics';
import type { NewOutboxMessage, OutboxMessage } from '../ports/outbox.port';
import type { Clock, IdGenerator, Logger } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import type { WorkflowActionResult } from './workflow-action';
import { failedConditions } from './workflow-conditions';
import { WorkflowActions, WorkflowRules, workflowActor, workflowSource } from './workflow-rules';
import { appliesTo } from './workflow-subscriber';

/** Claims of one message while it waits for the room (one to two minutes of backoff) before giving up on the room. */
const ROOM_WAIT_ATTEMPTS = 8;

type Stored = { text: string; messages: (Omit<NewOutboxMessage, 'availableAt'> & { availableAt?: string })[] };

/**
 * Runs a rule's steps when their time has come. First it checks again that the rule still applies:
 * the rule is still configured, the incident is still open and of the rule's tenant, and every
 * condition holds now (a SEV1 resolved before the 15 minutes are over gets no draft). Then each step
 * runs through the effect log under a key of its own, and its timeline entry and outbox messages are
 * recorded under that key: a redelivered message, or a retry after a crash between the step and its
 * record, finds the step done and records it once, never inviting or posting twice.
 */
@injectable()
export class WorkflowRunHandler implements OutboxHandler<'workflow.run'> {
  readonly topic = 'workflow.run' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(WorkflowRules) private readonly rules: WorkflowRules,
    @inject(WorkflowActions) private readonly actions: WorkflowActions,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async handle(p: TopicPayloads['workflow.run'], message: OutboxMessage): Promise<void> {
    const rule = this.rules.find(p.rule);
    const incident = await this.repos.incidents.findById(p.incidentId);
    const steps = (rule?.steps ?? []).map((step, index) => ({ step, index })).filter(({ step }) => rule && delayOf(rule, step) === p.delayMinutes);
    // A run that already began a step decided to run: its own first step (an escalation) must not make it skip the rest on a retry.
    const begun = steps.length > 0 && !!(await this.repos.outbox.effect(`workflow:${message.idempotencyKey}:${steps[0]!.index}`));
    const skip = begun ? undefined : await this.reasonToSkip(rule, incident, p);
    if (skip || !rule || !incident) {
      this.logger.info('A workflow run was skipped', { rule: p.rule, incidentId: p.incidentId, reason: skip ?? 'the rule or incident is gone' });
      return;
    }
    const roomless = incident.snapshot().links.rooms.length === 0;
    const noRoomComing = roomless && (!this.settings.severities.find(incident.severity)?.createsRoom || message.attempts >= ROOM_WAIT_ATTEMPTS);
    if (roomless && !noRoomComing && steps.some(({ step }) => this.actions.action(step.kind).needsRoom)) {
      // Declared a moment ago: the room is being opened by its own message. Retried shortly, with backoff.
      throw new MusterError('unavailable', `Workflow ${rule.name} waits for the incident's room to open.`);
    }
    for (const { step, index } of steps) {
      const key = `${message.idempotencyKey}:${index}`;
      const action = this.actions.action(step.kind);
      if (roomless && action.needsRoom) {
        // No room will come (its severity opens none, or opening it kept failing): say so, rather than retry for hours.
        await this.record(rule, incident, key, { text: `did not ${action.describe(step.params)}: the incident has no room`, messages: [] });
        continue;
      }
      const done = await effectStep<Stored>(this.repos.outbox, `workflow:${key}`, async () => {
        const fresh = (await this.repos.incidents.findById(incident.id)) ?? incident;
        const result = await action.run(step.params, {
          rule, step, incident: fresh, actor: workflowActor(rule.name), effectKey: key, now: this.clock.now(),
        });
        return stored(result);
      });
      await this.record(rule, incident, key, done);
    }
  }

  private async reasonToSkip(rule: WorkflowRule | undefined, incident: Incident | undefined, p: TopicPayloads['workflow.run']): Promise<string | undefined> {
    if (!rule) return 'the rule is no longer configured';
    if (!incident) return 'the incident no longer exists';
    if (!appliesTo(rule, incident)) return 'the incident belongs to another tenant';
    if (!incident.isOpen) return `the incident is ${incident.status}`;
    const lastUpdateAt = rule.conditions.minutesSinceLastUpdate === undefined ? undefined : await this.lastPublished(incident.id);
    const failed = failedConditions(rule.conditions, incident, { source: p.source, platform: p.platform, labels: p.labels }, this.clock.now(), lastUpdateAt);
    return failed.length > 0 ? failed.join('; ') : undefined;
  }

  private async lastPublished(incidentId: string): Promise<Date | null> {
    const times = (await this.repos.statusUpdates.listByIncident(incidentId)).flatMap((u) => (u.publishedAt ? [u.publishedAt.getTime()] : []));
    return times.length ? new Date(Math.max(...times)) : null;
  }

  private async record(rule: WorkflowRule, incident: Incident, key: string, done: Stored): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async (tx) => {
      await tx.outbox.enqueue(done.messages.map((m) => ({ ...m, availableAt: m.availableAt ? new Date(m.availableAt) : now })));
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'workflow', occurredAt: now, recordedAt: now, source: workflowSource(rule.name),
        text: `Workflow ${rule.name}: ${done.text}`, data: { rule: rule.name }, idempotencyKey: `workflow:${key}`,
      }));
    });
  }
}

/** A step's result as the effect log keeps it: plain JSON, so a retry reads the same messages back. */
function stored(result: WorkflowActionResult): Stored {
  return {
    text: result.text,
    messages: (result.messages ?? []).map((m) => ({ ...m, availableAt: m.availableAt?.toISOString() })),
  };
}
