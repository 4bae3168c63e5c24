import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import { TOKENS } from '../../container/tokens';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident } from './handler-support';

/** Brings people into every room of the incident on their own platform. Inviting a member again is harmless. */
@injectable()
export class RoomInviteHandler implements OutboxHandler<'room.invite'> {
  readonly topic = 'room.invite' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
  ) {}

  async handle(p: TopicPayloads['room.invite']): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    for (const room of incident.snapshot().links.rooms) {
      const people = p.people.filter((person) => person.platform === room.platform);
      const gateway = this.gateways.get(room.platform);
      if (people.length && gateway) await gateway.invite(room, people);
    }
  }
}
