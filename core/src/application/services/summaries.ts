import { inject, injectable } from 'inversify';
import type { Incident } from '../../domain/incident';
import type { RequestContext } from '../context';
import { IncidentLocator } from '../incident-locator';
import { outboxMessage } from '../outbox/topics';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Clock } from '../ports/system.port';
import { TOKENS } from '../tokens';
import { requireConversation } from './status-updates';

/** `/incident summary`: answered at once, the catch-up itself is posted when the summarizer is done. */
@injectable()
export class RequestSummary {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, reference?: string): Promise<Incident> {
    const conversation = requireConversation(ctx, 'post a summary');
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, reference, tx.incidents);
      await tx.outbox.enqueue([outboxMessage('summary.catch_up', { incidentId: incident.id, conversation, requestedBy: ctx.actor }, ctx.idempotencyKey, this.clock.now())]);
      return incident;
    });
  }
}
