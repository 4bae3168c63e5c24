import type { Incident } from '../../../domain/incident';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { EffectLog } from '../../ports/outbox.port';
import { postOnce } from '../../outbox/handlers/handler-support';
import type { View } from '../../views/view';

/**
 * Posts a view in every room of the incident, once per room for `key`. Only in its rooms: a workflow
 * never posts about an incident anywhere else, so a private incident's rule cannot leak it.
 */
export async function postInRooms(log: EffectLog, gateways: ChatGatewayRegistry, incident: Incident, view: View, key: string): Promise<number> {
  let posted = 0;
  for (const room of incident.snapshot().links.rooms) {
    const gateway = gateways.get(room.platform);
    if (!gateway) continue;
    await postOnce(log, gateway, room, view, `${key}:${room.platform}:${room.conversationId}`);
    posted += 1;
  }
  return posted;
}
