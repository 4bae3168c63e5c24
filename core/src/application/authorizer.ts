import { inject, injectable } from 'inversify';
import { MusterError } from '../errors';
import type { Incident } from '../domain/incident';
import type { PersonRef } from '../domain/person';
import type { Permission } from '../domain/roles';
import type { MusterSettings } from './settings';
import { TOKENS } from './tokens';

/**
 * Role-based permissions on one incident. While nobody holds the commander role (an alert declared it,
 * or configuration does not hand command to the declarer) anyone may act, so a response is never stuck.
 */
@injectable()
export class Authorizer {
  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  can(incident: Incident, person: PersonRef, permission: Permission): boolean {
    if (incident.holdersOf('commander').length === 0) return true;
    const allowed = this.settings.roles.permissions[permission];
    return incident.rolesOf(person).some((role) => allowed.includes(role));
  }

  assert(incident: Incident, person: PersonRef, permission: Permission, doing: string): void {
    if (this.can(incident, person, permission)) return;
    const holders = this.settings.roles.rolesWith(permission);
    const commander = incident.holdersOf('commander')[0];
    const grant = holders.find((r) => r.id !== 'commander') ?? holders[0]!;
    const handle = person.name ?? person.id;
    throw new MusterError(
      'not_permitted',
      `Only the ${joinOr(holders.map((r) => r.label))} can ${doing} on ${incident.reference}. ` +
        `Ask ${commander ? `${commander.name ?? commander.id} (Incident Commander)` : 'the Incident Commander'} to do it, or to give you the role: \`/incident assign ${grant.aliases[0] ?? grant.id} @${handle}\`.`,
      { permission, roles: this.settings.roles.permissions[permission] },
    );
  }
}

const joinOr = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
