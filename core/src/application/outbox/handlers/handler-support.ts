import { MusterError } from '../../../errors';
import type { Incident } from '../../../domain/incident';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { ChatPlatform } from '../../../domain/person';
import type { ChatGateway, ChatGatewayRegistry } from '../../ports/chat-gateway.port';

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
