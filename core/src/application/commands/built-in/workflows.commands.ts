import { inject, injectable } from 'inversify';
import { isMusterError } from '../../../errors';
import type { Incident } from '../../../domain/incident';
import { AccessPolicy } from '../../access/access-policy';
import { builtIn } from './descriptions';
import type { CommandOf } from '../command';
import type { BuiltInCommand } from '../command-contribution';
import { ephemeral, type CommandReply } from '../command-reply';
import { IncidentLocator } from '../../incidents/incident-locator';
import type { RequestContext } from '../../incidents/request-context';
import { workflowsView } from '../../views/workflows.view';
import { failedConditions } from '../../workflows/workflow-conditions';
import { WorkflowActions, WorkflowRules } from '../../workflows/workflow-rules';
import type { WorkflowConditions } from '../../../domain/workflow';

/**
 * The conditions about the incident as it is now. Where a change came from and an alert's labels are
 * about the triggering event, and the time since the last update is the run's to check (the listing
 * reads no update history), so "applies" here means: the incident is as the rule asks.
 */
const aboutTheIncident = ({ source: _s, labels: _l, minutesSinceLastUpdate: _m, ...rest }: WorkflowConditions): WorkflowConditions => rest;

/**
 * `workflows`: the rules of the requester's tenant in plain words, to the requester alone; in an incident
 * room (or with a reference) also whether each applies to that incident now.
 */
@injectable()
export class WorkflowsCommand implements BuiltInCommand<'workflows'> {
  readonly description = builtIn('workflows');

  constructor(
    @inject(WorkflowRules) private readonly rules: WorkflowRules,
    @inject(WorkflowActions) private readonly actions: WorkflowActions,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async run(ctx: RequestContext, command: CommandOf<'workflows'>): Promise<CommandReply> {
    const tenant = this.access.tenantOf(ctx);
    const incident = await this.here(ctx, command.incidentRef);
    const listings = this.rules.all().filter((r) => r.tenant === undefined || r.tenant === tenant).map((rule) => ({
      rule,
      steps: rule.steps.map((s) => this.actions.action(s.kind).describe(s.params)),
      ...(incident && { failing: incident.isOpen ? failedConditions(aboutTheIncident(rule.conditions), incident, { source: '' }, new Date(0)) : [`it is ${incident.status}`] }),
    }));
    return ephemeral(workflowsView(listings, incident));
  }

  private async here(ctx: RequestContext, reference?: string): Promise<Incident | undefined> {
    try {
      return await this.locator.locate(ctx, reference);
    } catch (error) {
      if (!reference && isMusterError(error, 'no_incident_here')) return undefined;
      throw error;
    }
  }
}
