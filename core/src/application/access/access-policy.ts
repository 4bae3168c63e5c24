import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { roleWord, type Permission } from '../../domain/roles';
import type { StatusUpdate } from '../../domain/status-update';
import type { RequestContext } from '../incidents/request-context';
import { actorKeys, actorRoles, actorTakesPart, isActor } from './actor-identity';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { commandCode } from '../commands/command-usage';

/**
 * What a request wants to do with an incident. `view` covers every read (card, timeline, postmortem,
 * summaries, drafts); `contribute` every addition anyone taking part may make (notes, follow-ups,
 * invitations, asking for a catch-up or a draft); the rest are the role permissions of configuration.
 */
export type IncidentAction = 'incident.view' | 'incident.contribute' | Permission;

/** Why a request was refused, so callers can tell "not yours to see" from "not your role". */
export type AccessDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: 'invisible' | 'role' };

const ALLOWED: AccessDecision = { allowed: true };

/**
 * The one access decision (ARCHITECTURE.md section 3a), asked before every read or write of an incident:
 * 1. the request's tenant is the incident's, else the incident does not exist for it;
 * 2. a private incident exists only for its participants (declarer, role holders, invited people,
 *    anyone asking from inside one of its rooms) and administrators;
 * 3. role permissions from configuration. While nobody holds the commander role (an alert declared it)
 *    anyone who can see the incident may act, so a response is never stuck.
 */
@injectable()
export class AccessPolicy {
  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  tenantOf(ctx: Pick<RequestContext, 'platform' | 'workspaceId'>): string {
    return this.settings.tenants.tenantOf(ctx.platform, ctx.workspaceId);
  }

  /** API tokens administer their tenant; people are administrators when configuration names them. */
  isAdmin(ctx: RequestContext): boolean {
    return ctx.platform === 'api' || ctx.platform === 'webhook' || actorKeys(ctx).some((key) => this.settings.admins.includes(key));
  }

  canSee(ctx: RequestContext, incident: Incident): boolean {
    if (this.tenantOf(ctx) !== incident.tenantId) return false;
    if (!incident.isPrivate) return true;
    return this.isAdmin(ctx) || actorTakesPart(ctx, incident) || incident.hasRoom(ctx.conversation);
  }

  decide(ctx: RequestContext, action: IncidentAction, incident: Incident): AccessDecision {
    if (!this.canSee(ctx, incident)) return { allowed: false, reason: 'invisible' };
    if (action === 'incident.view' || action === 'incident.contribute') return ALLOWED;
    if (this.isAdmin(ctx) || incident.holdersOf('commander').length === 0) return ALLOWED;
    const allowed = this.settings.roles.permissions[action];
    return actorRoles(ctx, incident).some((role) => allowed.includes(role)) ? ALLOWED : { allowed: false, reason: 'role' };
  }

  can(ctx: RequestContext, action: IncidentAction, incident: Incident): boolean {
    return this.decide(ctx, action, incident).allowed;
  }

  /** Throws `not_found` (worded as for a missing incident, so nothing leaks) or `not_permitted`. */
  assert(ctx: RequestContext, action: IncidentAction, incident: Incident, doing = 'do that'): void {
    const decision = this.decide(ctx, action, incident);
    if (decision.allowed) return;
    if (decision.reason === 'invisible') throw invisible(incident.reference);
    throw this.roleRefusal(ctx, action as Permission, incident, doing);
  }

  /**
   * A draft is changed only by the person who wrote it (or asked the AI for it), the Communications
   * Lead or the Incident Commander; the role rule applies even while the commander role is vacant,
   * since a draft someone else rewrote would be approved under their name.
   */
  assertCanEditDraft(ctx: RequestContext, incident: Incident, update: StatusUpdate): void {
    this.assert(ctx, 'incident.view', incident);
    const author = update.author.kind === 'person' ? update.author.person : update.author.requestedBy;
    if (isActor(ctx, author) || this.isAdmin(ctx)) return;
    if (actorRoles(ctx, incident).some((r) => r === 'commander' || r === 'communications_lead')) return;
    throw new MusterError('not_permitted',
      `Only the author of this draft, the Communications Lead or the Incident Commander can change it on ${incident.reference}. Suggest your change in the room instead.`,
      { permission: 'update.edit' });
  }

  private roleRefusal(ctx: RequestContext, permission: Permission, incident: Incident, doing: string): MusterError {
    const holders = this.settings.roles.rolesWith(permission);
    const commander = incident.holdersOf('commander')[0];
    const grant = holders.find((r) => r.id !== 'commander') ?? holders[0]!;
    const asker = commander ? `${commander.name ?? commander.id}, the Incident Commander,` : 'the Incident Commander';
    return new MusterError(
      'not_permitted',
      `Only the ${joinOr(holders.map((r) => r.label))} can ${doing} on ${incident.reference}. ` +
        `Ask ${asker} to do it, or to give you the role: ${commandCode(`assign ${roleWord(grant)} @${ctx.actor.name ?? ctx.actor.id}`)}.`,
      { permission, roles: this.settings.roles.permissions[permission] },
    );
  }
}

/** The same words as for an incident that does not exist: a refusal must not confirm that it does. */
export const invisible = (reference: string): MusterError =>
  new MusterError('not_found', `There is no incident ${reference.toUpperCase()} that you can see. Check the reference, or ask its Incident Commander to invite you.`);

const joinOr = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
