import { inject, injectable } from 'inversify';
import type { Incident } from '../../../domain/incident';
import { personKey, type ChatPlatform, type Link, type PersonRef } from '../../../domain/person';
import { IncidentChanges } from '../../incident-changes';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../settings';
import { TOKENS } from '../../tokens';
import { incidentCardView } from '../../views/incident-card.view';
import { noticeView } from '../../views/notice.view';
import type { OutboxHandler } from '../outbox-handler';
import { roomName } from '../room-name';
import type { TopicPayloads } from '../topics';
import { gatewayFor, loadIncident } from './handler-support';

/**
 * Opens the incident's room: create it, invite the people who should be there, post and pin the card,
 * bookmark runbooks, and tell the channel the declaration came from. Every step checks what a previous
 * attempt already did, so a retry after a crash or a rate limit picks up where it stopped.
 */
@injectable()
export class RoomSetupHandler implements OutboxHandler<'room.setup'> {
  readonly topic = 'room.setup' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
  ) {}

  async handle(p: TopicPayloads['room.setup'], message: OutboxMessage): Promise<void> {
    const gateway = gatewayFor(this.gateways, p.platform);
    let incident = await loadIncident(this.repos, p.incidentId);
    let room = incident.roomOn(p.platform, p.workspaceId);
    const isNewRoom = !room;
    if (!room) {
      const created = await gateway.createRoom({
        workspaceId: p.workspaceId, name: roomName(this.settings.roomNamePattern, incident), private: incident.isPrivate,
        topic: `${incident.reference} · ${incident.severity} · ${incident.title}`, idempotencyKey: `room:${incident.id}:${p.platform}:${p.workspaceId}`,
      });
      await this.changes.applySystem(incident.id, (inc, _tx, now) => { inc.linkRoom(created, now); return true; });
      incident = await loadIncident(this.repos, p.incidentId);
      room = incident.roomOn(p.platform, p.workspaceId)!;
    }
    const { people, runbooks } = await this.responders(incident, p.platform);
    if (people.length) await gateway.invite(room, people);
    if (!room.cardMessageId) {
      const card = await gateway.post(room, incidentCardView(incident, this.settings), { idempotencyKey: `card:${incident.id}:${room.conversationId}` });
      await gateway.pin(card);
      await this.changes.applySystem(incident.id, (inc, _tx, now) => { inc.recordCard(room!, card.messageId, now); return true; });
      for (const link of runbooks) await gateway.bookmark(room, link);
    }
    // A retry may have created the room and died before telling anyone: tell them again (the key dedupes).
    if (isNewRoom || message.attempts > 1) {
      if (p.requestedIn && p.requestedIn.conversationId !== room.conversationId) {
        const notice = noticeView(['🚨 ', { bold: incident.reference }, ` has its room: ${room.name ?? room.conversationId}. Join it to help.`]);
        // A private incident's room name says what it is about: only the declarer hears of it.
        if (incident.isPrivate) await gateway.postEphemeral(p.requestedIn, incident.snapshot().declaredBy, notice);
        else await gateway.post(p.requestedIn, notice, { idempotencyKey: `room-ready:${incident.id}:${room.conversationId}` });
      }
    }
  }

  /** The declarer, role holders and the owners and experts of affected services, on this platform. */
  private async responders(incident: Incident, platform: ChatPlatform): Promise<{ people: PersonRef[]; runbooks: Link[] }> {
    const s = incident.snapshot();
    const people = new Map<string, PersonRef>();
    const add = (p: PersonRef) => { if (p.platform === platform) people.set(personKey(p), p); };
    add(s.declaredBy);
    s.roles.forEach((r) => add(r.person));
    const runbooks: Link[] = [];
    for (const name of s.services) {
      const service = await this.repos.services.findByName(name);
      if (!service) continue;
      [...service.owners, ...service.subjectMatterExperts].forEach(add);
      runbooks.push(...service.runbooks);
    }
    return { people: [...people.values()], runbooks };
  }
}
