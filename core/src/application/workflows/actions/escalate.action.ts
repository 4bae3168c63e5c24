import { inject, injectable } from 'inversify';
import { IncidentRecorder } from '../../incidents/incident-recorder';
import type { Repositories, UnitOfWork } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { effectStep } from '../../outbox/effect-step';
import { VALUE, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult } from '../workflow-action';
import { changeIncident } from './incident-change';

/** `escalate: up` (one level more severe) or `escalate: SEV1`: never makes an incident less severe. */
@injectable()
export class EscalateAction implements WorkflowAction {
  readonly kind = 'escalate';
  readonly needsRoom = false;

  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentRecorder) private readonly recorder: IncidentRecorder,
  ) {}

  check(params: Readonly<Record<string, unknown>>): string | undefined {
    const to = params[VALUE];
    return to === 'up' || (typeof to === 'string' && this.settings.severities.find(to)) ? undefined : `escalate must be up or a severity: ${this.settings.severities.ids().join(', ')}`;
  }

  describe(params: Readonly<Record<string, unknown>>): string {
    return params[VALUE] === 'up' ? 'raise the severity one level' : `raise the severity to ${String(params[VALUE])}`;
  }

  async run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const levels = this.settings.severities.ids();
    // The target is fixed the first time, so a retry after the change does not climb one more level.
    const { target } = await effectStep(this.repos.outbox, `workflow:${ctx.effectKey}:target`, async () => {
      const at = levels.indexOf(ctx.incident.severity);
      return { target: params[VALUE] === 'up' ? levels[Math.max(0, at - 1)]! : this.settings.severities.get(String(params[VALUE])).id };
    });
    const changed = await changeIncident(this.uow, this.recorder, ctx, (incident) => {
      // Index 0 is the most severe level: only a move towards it is an escalation.
      if (levels.indexOf(target) >= levels.indexOf(incident.severity)) return false;
      incident.changeSeverity(target, ctx.actor, ctx.now, this.settings.severities);
      return true;
    });
    return { text: changed ? `raised the severity to ${target}` : `left the severity at ${ctx.incident.severity} (already ${target} or more severe)` };
  }
}
