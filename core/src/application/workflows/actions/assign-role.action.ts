import { inject, injectable } from 'inversify';
import { samePerson } from '../../../domain/person';
import { IncidentRecorder } from '../../incidents/incident-recorder';
import type { DirectoryPort } from '../../ports/chat-gateway.port';
import type { UnitOfWork } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { VALUE, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult } from '../workflow-action';
import { changeIncident } from './incident-change';
import { peopleIn } from './room-people';

/** `assign: commander` with `to: '@sre-lead'`: gives a role to a person, as the rule. */
@injectable()
export class AssignRoleAction implements WorkflowAction {
  readonly kind = 'assign';
  readonly needsRoom = true;

  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentRecorder) private readonly recorder: IncidentRecorder,
  ) {}

  check(params: Readonly<Record<string, unknown>>): string | undefined {
    const role = params[VALUE];
    if (typeof role !== 'string' || !this.settings.roles.find(role)) return `assign must be a role: ${this.settings.roles.roles.map((r) => r.id).join(', ')}`;
    return typeof params.to === 'string' && params.to.trim() ? undefined : 'to must name the person who takes the role, like \'@sre-lead\'';
  }

  describe(params: Readonly<Record<string, unknown>>): string {
    return `make ${String(params.to)} ${this.settings.roles.find(String(params[VALUE]))?.label ?? String(params[VALUE])}`;
  }

  async run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const role = this.settings.roles.get(String(params[VALUE]));
    const to = String(params.to).trim();
    const room = ctx.incident.snapshot().links.rooms[0]!;
    const person = (await peopleIn(this.directory, room, [to])).people[0];
    if (!person) return { text: `could not find ${to} to make ${role.label}: check the name in muster.yaml` };
    const changed = await changeIncident(this.uow, this.recorder, ctx, (incident) => {
      if (incident.holdersOf(role.id).some((h) => samePerson(h, person))) return false;
      incident.assignRole(role.id, person, ctx.actor, ctx.now, this.settings.roles);
      return true;
    });
    return { text: changed ? `made ${to} ${role.label}` : `${to} was already ${role.label}` };
  }
}
