import { inject, injectable } from 'inversify';
import type { Incident } from '../../domain/incident';
import type { RequestContext } from '../incidents/request-context';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import { answerPlace } from './answer-place';
import { outboxMessage } from '../outbox/topics';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Clock } from '../ports/system.port';
import { TOKENS } from '../container/tokens';
import { requireConversation } from './status-updates';

/** The summary command: answered at once, the catch-up itself is posted when the summarizer is done. */
@injectable()
export class RequestSummary {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** The catch-up goes to the incident's room, or to the requester alone (see answerPlace). */
  async execute(ctx: RequestContext, target?: IncidentTarget): Promise<Incident> {
    const conversation = requireConversation(ctx, 'post a summary');
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      const place = answerPlace(incident, { ...ctx, conversation });
      await tx.outbox.enqueue([outboxMessage('summary.catch_up', { incidentId: incident.id, ...place, requestedBy: ctx.actor }, ctx.idempotencyKey, this.clock.now())]);
      return incident;
    });
  }
}
