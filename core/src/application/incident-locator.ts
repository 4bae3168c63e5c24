import { inject, injectable } from 'inversify';
import { MusterError } from '../errors';
import type { Incident } from '../domain/incident';
import type { IncidentRepository } from './ports/repositories.port';
import type { Repositories } from './ports/unit-of-work.port';
import type { RequestContext } from './context';
import { TOKENS } from './tokens';

const REFERENCE = /^INC-(\d{1,9})$/i;

/** Finds the incident a request is about: the one named (`INC-42`), else the room it was made in. */
@injectable()
export class IncidentLocator {
  constructor(@inject(TOKENS.Repositories) private readonly repos: Repositories) {}

  async locate(ctx: RequestContext, reference?: string, incidents: IncidentRepository = this.repos.incidents): Promise<Incident> {
    if (reference) {
      const match = REFERENCE.exec(reference.trim());
      if (!match) throw new MusterError('invalid_argument', `"${reference}" is not an incident reference; they look like INC-42.`);
      const found = await incidents.findByNumber(Number(match[1]));
      if (!found) throw new MusterError('not_found', `There is no incident ${reference.toUpperCase()}. \`/incident status\` in an incident room shows its reference.`);
      return found;
    }
    if (ctx.conversation) {
      const found = await incidents.findByRoom(ctx.conversation);
      if (found) return found;
    }
    throw new MusterError(
      'no_incident_here',
      'This is not an incident room. Run the command in the incident\'s channel, or name the incident first: `/incident INC-42 status`.',
    );
  }

  /** Re-read inside a transaction, so the change applies to the latest version. */
  async reload(incident: Incident, incidents: IncidentRepository): Promise<Incident> {
    const fresh = await incidents.findById(incident.id);
    if (!fresh) throw new MusterError('not_found', `${incident.reference} no longer exists.`);
    return fresh;
  }
}
