import { inject, injectable } from 'inversify';
import { isStaleCopy, MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import type { RequestContext } from './request-context';
import { IncidentLocator, type IncidentTarget } from './incident-locator';
import { IncidentRecorder, SYSTEM_ORIGIN } from './incident-recorder';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import type { Clock } from '../ports/system.port';
import { TOKENS } from '../container/tokens';

export interface ChangeOutcome<T> {
  readonly incident: Incident;
  readonly result: T;
  /** True when this request had been handled before (a redelivery); nothing was changed again. */
  readonly replayed: boolean;
}

/**
 * The shape of every change a person makes to an incident: one transaction that claims the request's
 * idempotency key, loads the incident fresh, applies the intent, and records it. Another change
 * committed between the load and the commit (room set-up saving the room's card, a second responder)
 * refuses the save as a stale copy; the intent ("make bob Communications Lead") is then run again on
 * the fresh incident, as the person would do by hand, with every check applied again. A conflict with
 * what the person saw (an edit started from an older revision) is not a stale copy: it reaches them.
 */
@injectable()
export class IncidentChanges {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(IncidentRecorder) private readonly recorder: IncidentRecorder,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async apply<T>(ctx: RequestContext, target: IncidentTarget, change: (incident: Incident, tx: Repositories, now: Date) => Promise<T> | T): Promise<ChangeOutcome<T | undefined>> {
    return retryingStaleCopies(() => this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      const requestKey = `request:${ctx.idempotencyKey}`;
      if (!(await tx.inbox.claim(requestKey, this.clock.now()))) return { incident, result: undefined, replayed: true };
      const result = await change(incident, tx, this.clock.now());
      await this.recorder.commit(tx, incident, { source: ctx.platform, platform: ctx.platform, workspaceId: ctx.workspaceId, conversation: ctx.conversation, requestKey });
      return { incident, result, replayed: false };
    }), ATTEMPTS);
  }

  /** For system work (room set-up, card ids): the same retries on a stale copy; nobody is waiting to retry by hand. */
  async applySystem(incidentId: string, change: (incident: Incident, tx: Repositories, now: Date) => Promise<boolean> | boolean): Promise<void> {
    await retryingStaleCopies(() => this.uow.run(async (tx) => {
      const incident = await tx.incidents.findById(incidentId);
      if (!incident) throw new MusterError('not_found', `Incident ${incidentId} no longer exists.`);
      if (await change(incident, tx, this.clock.now())) await this.recorder.commit(tx, incident, SYSTEM_ORIGIN);
    }), ATTEMPTS);
  }
}

/** Five tries: enough for a burst of responders and system writes on one incident, never a loop. */
const ATTEMPTS = 5;

async function retryingStaleCopies<T>(run: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isStaleCopy(error) || attempt >= attempts) throw error;
    }
  }
}
