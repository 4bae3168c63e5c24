import type { Incident } from '../../domain/incident';
import { personKey, samePerson, type PersonRef } from '../../domain/person';
import type { RequestContext } from '../incidents/request-context';

/**
 * "Is the actor this person?" asked the one way everywhere access and roles are decided: the actor is
 * also every identity the directory linked them to (the same human on another platform).
 */
export const actorIdentities = (ctx: Pick<RequestContext, 'actor' | 'alsoKnownAs'>): readonly PersonRef[] =>
  ctx.alsoKnownAs?.length ? [ctx.actor, ...ctx.alsoKnownAs] : [ctx.actor];

export const isActor = (ctx: Pick<RequestContext, 'actor' | 'alsoKnownAs'>, person: PersonRef | undefined): boolean =>
  actorIdentities(ctx).some((me) => samePerson(me, person));

/** The actor's person keys (`slack:U1`, `teams:<aad>`), e.g. to match configured administrators. */
export const actorKeys = (ctx: Pick<RequestContext, 'actor' | 'alsoKnownAs'>): readonly string[] => actorIdentities(ctx).map(personKey);

/** Every role the actor holds on the incident, under any of their identities. */
export const actorRoles = (ctx: Pick<RequestContext, 'actor' | 'alsoKnownAs'>, incident: Incident): readonly string[] =>
  [...new Set(actorIdentities(ctx).flatMap((me) => incident.rolesOf(me)))];

/** Whether the actor declared the incident or holds a role in it, under any of their identities. */
export const actorTakesPart = (ctx: Pick<RequestContext, 'actor' | 'alsoKnownAs'>, incident: Incident): boolean =>
  actorIdentities(ctx).some((me) => incident.isParticipant(me));
