import { inject, injectable } from 'inversify';
import { isMusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import type { Permission } from '../../domain/roles';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import { IncidentLocator } from '../incidents/incident-locator';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { ACTIONS } from '../views/action-ids';
import { parseDraftVersionRef } from '../views/status-update.view';

export type PreflightAnswer = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

const INCIDENT_BUTTONS: Readonly<Record<string, { permission: Permission; doing: string }>> = {
  [ACTIONS.ack]: { permission: 'incident.transition', doing: 'acknowledge' },
  [ACTIONS.mitigate]: { permission: 'incident.transition', doing: 'mark mitigated' },
  [ACTIONS.resolve]: { permission: 'incident.transition', doing: 'resolve' },
  [ACTIONS.changeSeverity]: { permission: 'incident.severity', doing: 'change the severity' },
  [ACTIONS.assignRole]: { permission: 'role.assign', doing: 'assign roles' },
};

/**
 * Whether pressing a button would be refused, asked before a chat asks "are you sure?": a person
 * should not confirm something only to hear they may not do it, nor act on a card that was decided
 * or replaced since it was shown. The press itself is still checked again by the router.
 */
@injectable()
export class ActionPreflight {
  constructor(
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
  ) {}

  async check(ctx: RequestContext, actionId: string, value: string): Promise<PreflightAnswer> {
    try {
      const button = INCIDENT_BUTTONS[actionId];
      if (button) {
        const incident = await this.locator.byId(ctx, value);
        this.access.assert(ctx, button.permission, incident, button.doing);
        return { allowed: true };
      }
      if (actionId === ACTIONS.approveUpdate || actionId === ACTIONS.rejectUpdate || actionId === ACTIONS.editUpdate) return await this.draftButton(ctx, actionId, value);
      return { allowed: true };
    } catch (error) {
      if (isMusterError(error) && error.code !== 'internal') return { allowed: false, message: error.message };
      throw error;
    }
  }

  private async draftButton(ctx: RequestContext, actionId: string, value: string): Promise<PreflightAnswer> {
    const ref = parseDraftVersionRef(value);
    const update = ref.id ? await this.repos.statusUpdates.findById(ref.id) : undefined;
    const incident: Incident | undefined = update && (await this.repos.incidents.findById(update.incidentId));
    if (!update || !incident || !this.access.canSee(ctx, incident)) return { allowed: false, message: 'That update no longer exists, or you cannot see it.' };
    if (update.state !== 'pending_approval' && update.state !== 'draft') {
      return { allowed: false, message: `This draft was already ${update.state.replace('_', ' ')}; its buttons no longer do anything.` };
    }
    if (ref.version !== undefined && ref.version !== update.version) {
      return { allowed: false, message: 'This draft was changed since this card was shown; use the buttons on the newer card.' };
    }
    if (actionId === ACTIONS.editUpdate) this.access.assertCanEditDraft(ctx, incident, update);
    else this.access.assert(ctx, 'update.approve', incident, actionId === ACTIONS.approveUpdate ? 'approve stakeholder updates' : 'reject stakeholder updates');
    return { allowed: true };
  }
}
