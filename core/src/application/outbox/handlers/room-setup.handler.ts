import { inject, injectable } from 'inversify';
import { MusterError } from '../../../errors';
import type { Incident } from '../../../domain/incident';
import { personKey, type ChatPlatform, type ConversationRef, type Link, type MessageRef, type PersonRef } from '../../../domain/person';
import { IncidentChanges } from '../../incidents/incident-changes';
import type { ChatGateway, ChatGatewayRegistry, DirectoryPort } from '../../ports/chat-gateway.port';
import type { Logger } from '../../ports/system.port';
import { isEmailContact, type ServiceContact } from '../../../domain/service';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { incidentCardView, PLATFORM_NAMES, roomInline } from '../../views/incident-card.view';
import { noticeView } from '../../views/notice.view';
import type { OutboxHandler } from '../outbox-handler';
import { effectOnce, effectStep } from '../effect-step';
import { roomName } from '../room-name';
import type { TopicPayloads } from '../topics';
import { drawUntilCurrent, gatewayFor, loadIncident } from './handler-support';

/**
 * Opens the incident's room: create it, invite the people who should be there, post and pin the card,
 * bookmark runbooks, and tell the channel the declaration came from. Every remote step goes through the
 * durable effect log: a retry after a crash or a rate limit skips what is done, looks up on the platform
 * what an interrupted attempt may have done, and does only the rest.
 */
@injectable()
export class RoomSetupHandler implements OutboxHandler<'room.setup'> {
  readonly topic = 'room.setup' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(TOKENS.DirectoryPort) private readonly directory: DirectoryPort,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async handle(p: TopicPayloads['room.setup'], message: OutboxMessage): Promise<void> {
    const gateway = gatewayFor(this.gateways, p.platform);
    const log = this.repos.outbox;
    let incident = await loadIncident(this.repos, p.incidentId);
    let room = incident.roomOn(p.platform, p.workspaceId);
    const isNewRoom = !room;
    const { people, runbooks } = await this.responders(incident, p.platform, p.workspaceId);
    const topic = `${incident.reference} · ${incident.severity} · ${incident.title}`;
    const topicApart = gateway.topicApart === true;
    if (!room) {
      const key = `room:${incident.id}:${p.platform}:${p.workspaceId}`;
      const created = await effectStep(log, key, async (uncertainSince) => ({ ...await gateway.createRoom({
        workspaceId: p.workspaceId, name: roomName(this.settings.roomNamePattern, incident), private: incident.isPrivate,
        topic, topicLater: topicApart, idempotencyKey: key, uncertainSince, members: people,
        ...(p.requestedIn?.platform === p.platform && p.requestedIn.workspaceId === p.workspaceId ? { requestedIn: p.requestedIn } : {}),
      }) })) as unknown as ConversationRef;
      await this.refuseTakenRoom(incident, created);
      await this.changes.applySystem(incident.id, (inc, _tx, now) => { inc.linkRoom(created, now); return true; });
      incident = await loadIncident(this.repos, p.incidentId);
      room = incident.roomOn(p.platform, p.workspaceId)!;
    }
    const open = room;
    const roomKey = `${incident.id}:${open.platform}:${open.conversationId}`;
    // Once the room exists nothing below needs another's answer except the pin (and a redraw), which
    // need the card: so they run side by side, each once through the effect log. Every step is let
    // finish before the first failure is thrown, so a retry redoes only what failed, never a step that
    // was still in flight; a rate limit's wait (RateLimitedError) is what the outbox sees.
    await settleAll([
      topicApart ? effectOnce(log, `topic:${roomKey}`, () => gateway.setTopic(open, topic)) : undefined,
      people.length ? gateway.invite(open, people) : undefined,
      open.cardMessageId ? this.pinCard(gateway, incident, open, { conversation: open, messageId: open.cardMessageId }) : this.postCard(gateway, incident, open),
      // Bookmarks need only the room; a retry after the card was recorded still adds a missing one.
      ...runbooks.map((link) => effectOnce(log, `bookmark:${roomKey}:${link.url}`, () => gateway.bookmark(open, link))),
      // A retry may have created the room and died before telling anyone: tell them now (the log dedupes).
      (isNewRoom || message.attempts > 1) && p.requestedIn && p.requestedIn.conversationId !== open.conversationId && !opensIn(open, p.requestedIn)
        ? this.announceWhereDeclared(incident, open, p.requestedIn) : undefined,
    ]);
  }

  /** The card: posted, pinned, recorded on the incident, and redrawn if the incident changed meanwhile. */
  private async postCard(gateway: ChatGateway, incident: Incident, room: ConversationRef): Promise<void> {
    const log = this.repos.outbox;
    const cardKey = cardKeyOf(incident, room);
    const card = await effectStep(log, cardKey, async (uncertainSince) => ({ ...await gateway.post(room, incidentCardView(incident, this.settings), { idempotencyKey: cardKey, uncertainSince }) })) as unknown as MessageRef;
    // The pin and the redraw both need only the posted card, not each other: side by side. Pinning
    // twice is harmless (already_pinned), but a completed pin is not asked for again; a pin that failed
    // after the card was recorded is retried by handle(), which pins a recorded card too.
    await settleAll([
      this.pinCard(gateway, incident, room, card),
      (async () => {
        await this.changes.applySystem(incident.id, (inc, _tx, now) => { inc.recordCard(room, card.messageId, now); return true; });
        // A change recorded while the card was on its way (an integration's link) found no card here to
        // refresh: the card would stay as drawn. Recording the card is one version; more means a change.
        // The redraw looks again after it, as a refresh does: a refresh of a later change may be drawing
        // beside it, and whichever write reaches the platform last must be the latest version.
        const latest = await loadIncident(this.repos, incident.id);
        if (latest.version > incident.version + 1) await drawUntilCurrent(this.repos, latest, (i) => gateway.update(card, incidentCardView(i, this.settings)));
      })(),
    ]);
  }

  private pinCard(gateway: ChatGateway, incident: Incident, room: ConversationRef, card: MessageRef): Promise<void> {
    return effectOnce(this.repos.outbox, `pin:${cardKeyOf(incident, room)}`, () => gateway.pin(card));
  }

  private async announceWhereDeclared(incident: Incident, room: ConversationRef, requestedIn: ConversationRef): Promise<void> {
    // The channel it was declared in may be on another platform than the room (roomPlacement: home/both).
    const there = this.gateways.get(requestedIn.platform);
    if (there) await this.announceRoom(there, incident, room, requestedIn);
  }

  /**
   * A public incident's room is announced where it was declared. A private incident's existence and
   * room name must not reach that channel: only the declarer is told, in a message only they see.
   */
  private async announceRoom(gateway: ChatGateway, incident: Incident, room: ConversationRef, requestedIn: ConversationRef): Promise<void> {
    const key = `room-ready:${incident.id}:${room.platform}:${room.conversationId}`;
    const where = room.platform === requestedIn.platform ? '' : ` on ${PLATFORM_NAMES[room.platform]}`;
    const view = noticeView(['🚨 ', { bold: incident.reference }, ` has its room${where}: `, roomInline(room), '. Join it to help.']);
    if (!incident.isPrivate) {
      await effectStep(this.repos.outbox, key, async (uncertainSince) => ({ ...await gateway.post(requestedIn, view, { idempotencyKey: key, uncertainSince }) }));
      return;
    }
    const declarer = incident.snapshot().declaredBy;
    if (declarer.platform !== requestedIn.platform) return;
    // An ephemeral cannot be looked up afterwards; seeing it twice after a crash is the lesser harm.
    await effectOnce(this.repos.outbox, key, () => gateway.postEphemeral(requestedIn, declarer, view));
  }

  /**
   * A room belongs to one incident for good: capture caches a room's incident for the life of the
   * process (capture-conversation.ts). A platform that handed back a room another incident already has
   * would mix two timelines, so the link is refused (and the message goes to the dead letters).
   */
  private async refuseTakenRoom(incident: Incident, room: ConversationRef): Promise<void> {
    const holder = await this.repos.incidents.findByRoom(room);
    if (holder && holder.id !== incident.id) {
      throw new MusterError('invalid_state', `The ${room.platform} room made for ${incident.reference} is already ${holder.reference}'s room; a room belongs to one incident.`);
    }
  }


  /**
   * The declarer, role holders and the owners and experts of affected services (of the incident's own
   * tenant), on this platform. Contacts given as an email address are found through the platform's
   * directory when it can look people up by email; one it cannot find is left out, never a failure.
   */
  private async responders(incident: Incident, platform: ChatPlatform, workspaceId: string): Promise<{ people: PersonRef[]; runbooks: Link[] }> {
    const s = incident.snapshot();
    const people = new Map<string, PersonRef>();
    const add = (p: PersonRef) => { if (p.platform === platform) people.set(personKey(p), p); };
    add(s.declaredBy);
    s.roles.forEach((r) => add(r.person));
    const runbooks: Link[] = [];
    for (const name of s.services) {
      const service = await this.repos.services.findByName(incident.tenantId, name);
      if (!service) continue;
      for (const contact of [...service.owners, ...service.subjectMatterExperts]) {
        const person = await this.personFor(contact, platform, workspaceId, service.name);
        if (person) add(person);
      }
      runbooks.push(...service.runbooks);
    }
    return { people: [...people.values()], runbooks };
  }

  private async personFor(contact: ServiceContact, platform: ChatPlatform, workspaceId: string, service: string): Promise<PersonRef | undefined> {
    if (!isEmailContact(contact)) return contact;
    if (!this.directory.byEmail) return undefined;
    try {
      return await this.directory.byEmail(platform, workspaceId, contact.email);
    } catch (error) {
      // The address is not logged: it is personal data, and the service name says whom to check.
      this.logger.warn('Could not look up a service contact by email; the room opens without them', { platform, service, error: String(error) });
      return undefined;
    }
  }
}

/**
 * Whether the room is a thread opened at the top of the very conversation the incident was declared in:
 * its first post is then right there, and a "has its room" notice beside it would say the same thing
 * twice. Declared inside a thread of that channel, the notice still goes into that thread, with its link.
 */
function opensIn(room: ConversationRef, requestedIn: ConversationRef): boolean {
  return !!room.parentConversationId && room.platform === requestedIn.platform && room.workspaceId === requestedIn.workspaceId
    && room.parentConversationId === requestedIn.conversationId;
}

const cardKeyOf = (incident: Incident, room: ConversationRef): string => `card:${incident.id}:${room.platform}:${room.conversationId}`;

/**
 * Waits for every step (an undefined one is a step not needed), then throws the first failure: a step
 * still in flight when another fails is never abandoned half-way under a retry that would redo it.
 */
async function settleAll(steps: readonly (Promise<unknown> | undefined)[]): Promise<void> {
  const outcomes = await Promise.allSettled(steps.filter((step): step is Promise<unknown> => step !== undefined));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
