import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { AccessPolicy, invisible } from '../access/access-policy';
import type { IncidentRepository } from '../ports/repositories.port';
import type { Repositories } from '../ports/unit-of-work.port';
import type { RequestContext } from './request-context';
import { TOKENS } from '../container/tokens';
import { commandCode } from '../commands/command-usage';
import { findRoomIncident } from './room-lookup';

/** What a request names: a reference people typed, an id from a button or form, or nothing (the room it came from). */
export type IncidentTarget = string | { readonly id: string } | undefined;

const REFERENCE = /^INC-(\d{1,9})$/i;

/**
 * Finds the incident a request is about: the one named (`INC-42`, within the requester's tenant), the one
 * a button or form names by id, else the room it was made in (or whose thread it was made in). Every way
 * in checks that the requester may see the incident; one they may not see is answered exactly like one
 * that does not exist.
 */
@injectable()
export class IncidentLocator {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async locate(ctx: RequestContext, target?: IncidentTarget, incidents: IncidentRepository = this.repos.incidents): Promise<Incident> {
    if (typeof target === 'object') return this.byId(ctx, target.id, incidents);
    const reference = target;
    if (reference) {
      const match = REFERENCE.exec(reference.trim());
      if (!match) throw new MusterError('invalid_argument', `"${reference.slice(0, 40)}" is not an incident reference; they look like INC-42.`);
      const found = await incidents.findByNumber(this.access.tenantOf(ctx), Number(match[1]));
      return this.visible(ctx, found, reference.trim());
    }
    if (ctx.conversation) {
      const found = (await findRoomIncident(incidents, ctx.conversation))?.incident;
      if (found && this.access.canSee(ctx, found)) return found;
    }
    throw new MusterError(
      'no_incident_here',
      `This is not an incident room. Run the command in the incident's channel, or name the incident first: ${commandCode('INC-42 status')}.`,
    );
  }

  /** A button's or form's incident: the id in the payload is looked up and checked, never trusted. */
  async byId(ctx: RequestContext, id: string, incidents: IncidentRepository = this.repos.incidents): Promise<Incident> {
    const found = id ? await incidents.findById(id) : undefined;
    if (!found || !this.access.canSee(ctx, found)) throw new MusterError('not_found', 'That incident no longer exists, or you cannot see it.');
    return found;
  }

  private visible(ctx: RequestContext, found: Incident | undefined, reference: string): Incident {
    if (!found || !this.access.canSee(ctx, found)) throw invisible(reference);
    return found;
  }
}
