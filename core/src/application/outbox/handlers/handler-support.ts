import { MusterError } from '../../../errors';
import type { Incident } from '../../../domain/incident';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { ChatPlatform, ConversationRef, PersonRef } from '../../../domain/person';
import type { ChatGateway, ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { EffectLog } from '../../ports/outbox.port';
import type { View } from '../../views/view';
import { effectStep } from '../effect-step';

export function gatewayFor(registry: ChatGatewayRegistry, platform: ChatPlatform): ChatGateway {
  const gateway = registry.get(platform);
  if (!gateway) {
    throw new MusterError('configuration', `${platform} is not connected in this Muster instance; set its credentials and restart (see the README).`);
  }
  return gateway;
}

export async function loadIncident(repos: Repositories, id: string): Promise<Incident> {
  const incident = await repos.incidents.findById(id);
  if (!incident) throw new MusterError('not_found', `Incident ${id} no longer exists.`);
  return incident;
}

/** The effect that records a post under `key`; a handler may read it to skip work already posted. */
export const postEffectKey = (key: string): string => `post:${key}`;

/** Posts `view` once for `key`: a retry after the post was recorded does not post it again. */
export async function postOnce(log: EffectLog, gateway: ChatGateway, conversation: ConversationRef, view: View, key: string): Promise<void> {
  await effectStep(log, postEffectKey(key), async (uncertainSince) => ({ ...await gateway.post(conversation, view, { idempotencyKey: key, uncertainSince }) }));
}

/** An answer asked for in a conversation: posted there for everyone, or shown to `privateTo` alone. */
export async function postAnswer(log: EffectLog, gateway: ChatGateway, place: { conversation: ConversationRef; privateTo?: PersonRef }, view: View, key: string): Promise<void> {
  // Ephemeral answers cannot be found again in history; showing one twice to its one reader is harmless.
  if (place.privateTo) await gateway.postEphemeral(place.conversation, place.privateTo, view);
  else await postOnce(log, gateway, place.conversation, view, key);
}

/** Redraws after a change that lands while one draws; past that, the next change's own refresh catches up. */
const MAX_REDRAWS = 3;

/**
 * Draws `incident`, then looks again: while it changed during the draw, draws the newer version. A
 * draw that read an older version may reach the platform after a newer one; the look after it is what
 * makes the last write the latest version. Every redraw of a card goes through here.
 */
export async function drawUntilCurrent(repos: Repositories, from: Incident, draw: (incident: Incident) => Promise<void>): Promise<void> {
  let incident = from;
  for (let round = 0; round < MAX_REDRAWS; round++) {
    await draw(incident);
    const now = await loadIncident(repos, incident.id);
    if (now.version === incident.version) return;
    incident = now;
  }
}
