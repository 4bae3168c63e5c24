import { inject, injectable } from 'inversify';
import { commandFor, invalidTransition, type IncidentStatus } from '../../domain/lifecycle';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { IncidentTarget } from '../incidents/incident-locator';
import { IncidentChanges, type ChangeOutcome } from '../incidents/incident-changes';
import type { ActionItem } from '../../domain/action-item';
import { Postmortems } from './postmortems';
import type { Incident } from '../../domain/incident';
import type { Repositories } from '../ports/unit-of-work.port';

/** What a transition tells its caller beyond the incident: the follow-ups still open when it closed. */
export interface TransitionResult {
  readonly openActionItems: readonly ActionItem[];
}

/** What people type, and where it takes the incident. */
export const TRANSITION_COMMANDS = {
  ack: { to: 'investigating', verb: 'acknowledge' },
  mitigate: { to: 'mitigated', verb: 'mark mitigated' },
  resolve: { to: 'resolved', verb: 'resolve' },
  reopen: { to: 'investigating', verb: 'reopen' },
  decline: { to: 'declined', verb: 'decline' },
  close: { to: 'closed', verb: 'close' },
  postmortem: { to: 'postmortem', verb: 'start the postmortem' },
} as const satisfies Record<string, { to: IncidentStatus; verb: string }>;
export type TransitionCommand = keyof typeof TRANSITION_COMMANDS;

@injectable()
export class TransitionIncident {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(Postmortems) private readonly postmortems: Postmortems,
  ) {}

  async execute(ctx: RequestContext, command: TransitionCommand, target?: IncidentTarget, reason?: string): Promise<ChangeOutcome<TransitionResult | undefined>> {
    return this.changes.apply(ctx, target, (incident, tx, now) => this.move(ctx, command, incident, tx, now, reason));
  }

  /**
   * The move itself, on an incident loaded in `tx`, with every rule a person's move obeys; the caller
   * records it (IncidentRecorder.commit). For flows that claim their own key: an alert's resolve.
   */
  async move(ctx: RequestContext, command: TransitionCommand, incident: Incident, tx: Repositories, now: Date, reason?: string): Promise<TransitionResult> {
    const { to, verb } = TRANSITION_COMMANDS[command];
    // "investigating" is reached with ack from triage and with reopen afterwards (from resolved, or
    // from mitigated when the mitigation did not hold); the word typed must fit where it stands.
    if (to === 'investigating' && commandFor(incident.status, to) !== command) {
      throw invalidTransition(incident.reference, incident.status, to, command);
    }
    this.access.assert(ctx, 'incident.transition', incident, verb);
    // Follow-ups outlive incidents: closing with open ones is allowed, and the timeline says so.
    const openActionItems = to === 'closed' ? (await tx.actionItems.listByIncident(incident.id)).filter((i) => i.state === 'open') : [];
    const stillOpen = openActionItems.length ? `${openActionItems.length} follow-up${openActionItems.length === 1 ? '' : 's'} still open` : undefined;
    incident.transitionTo(to, ctx.actor, now, [reason, stillOpen].filter(Boolean).join('; ') || undefined);
    if (to === 'postmortem') {
      const postmortem = await this.postmortems.ensure(tx, incident.id);
      if (postmortem.state === 'draft') await tx.postmortems.save({ ...postmortem, state: 'in_review', updatedAt: now });
    }
    return { openActionItems };
  }
}
