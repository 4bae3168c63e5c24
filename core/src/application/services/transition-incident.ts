import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { IncidentStatus } from '../../domain/lifecycle';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../context';
import type { IncidentTarget } from '../incident-locator';
import { IncidentChanges, type ChangeOutcome } from '../incident-changes';

/** What people type, and where it takes the incident. */
export const TRANSITION_COMMANDS = {
  ack: { to: 'investigating', verb: 'acknowledge' },
  mitigate: { to: 'mitigated', verb: 'mark mitigated' },
  resolve: { to: 'resolved', verb: 'resolve' },
  reopen: { to: 'investigating', verb: 'reopen' },
  decline: { to: 'declined', verb: 'decline' },
  close: { to: 'closed', verb: 'close' },
} as const satisfies Record<string, { to: IncidentStatus; verb: string }>;
export type TransitionCommand = keyof typeof TRANSITION_COMMANDS;

@injectable()
export class TransitionIncident {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async execute(ctx: RequestContext, command: TransitionCommand, target?: IncidentTarget, reason?: string): Promise<ChangeOutcome<unknown>> {
    const { to, verb } = TRANSITION_COMMANDS[command];
    return this.changes.apply(ctx, target, (incident, _tx, now) => {
      // "investigating" is reached with ack from triage and with reopen afterwards; keep the words honest.
      // reopen also takes a mitigated incident back to investigating when the mitigation did not hold.
      if (command === 'reopen' && incident.status !== 'resolved' && incident.status !== 'mitigated') {
        throw new MusterError('invalid_transition', `${incident.reference} is ${incident.status}; only a resolved or mitigated incident can be reopened.`, { from: incident.status, to });
      }
      if (command === 'ack' && incident.status !== 'triage') {
        throw new MusterError('invalid_transition', `${incident.reference} is already ${incident.status}; acknowledging is for incidents in triage.`, { from: incident.status, to });
      }
      this.access.assert(ctx, 'incident.transition', incident, verb);
      incident.transitionTo(to, ctx.actor, now, reason);
    });
  }
}
