import { inject, injectable } from 'inversify';
import type { PersonRef } from '../../domain/person';
import { isActor } from '../access/actor-identity';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { IncidentTarget } from '../incidents/incident-locator';
import { IncidentChanges, type ChangeOutcome } from '../incidents/incident-changes';
import { PeopleResolver } from '../people/people-resolver';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

@injectable()
export class AssignRole {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(PeopleResolver) private readonly people: PeopleResolver,
  ) {}

  /** `handle` is what was typed (`@sre-lead`, `<@U123>`); a PersonRef when a form or button already resolved it. */
  async execute(ctx: RequestContext, roleWord: string, handle: string | PersonRef, target?: IncidentTarget): Promise<ChangeOutcome<PersonRef>> {
    const role = this.settings.roles.get(roleWord);
    const person = typeof handle === 'string' ? await this.people.resolve(ctx, handle, 'to give the role to') : handle;
    const outcome = await this.changes.apply(ctx, target, (incident, _tx, now) => {
      // Taking a vacant role for yourself needs no permission: at 3 a.m. someone has to step up.
      const selfServe = isActor(ctx, person) && incident.holdersOf(role.id).length === 0;
      if (!selfServe) this.access.assert(ctx, 'role.assign', incident, `assign the ${role.label} role`);
      incident.assignRole(role.id, person, ctx.actor, now, this.settings.roles);
      return person;
    });
    return { ...outcome, result: person };
  }

}
