import { inject, injectable } from 'inversify';
import { commandFor, invalidTransition, type IncidentStatus } from '../../domain/lifecycle';
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
      // "investigating" is reached with ack from triage and with reopen afterwards (from resolved, or
      // from mitigated when the mitigation did not hold); the word typed must fit where it stands.
      if (to === 'investigating' && commandFor(incident.status, to) !== command) {
        throw invalidTransition(incident.reference, incident.status, to, command);
      }
      this.access.assert(ctx, 'incident.transition', incident, verb);
      incident.transitionTo(to, ctx.actor, now, reason);
    });
  }
}
