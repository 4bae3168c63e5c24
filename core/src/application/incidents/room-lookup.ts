import type { Incident } from '../../domain/incident';
import { enclosingConversations, type ConversationAddress } from '../../domain/person';
import type { IncidentRepository } from '../ports/repositories.port';

export interface RoomMatch {
  readonly incident: Incident;
  /** The incident room the conversation matched: itself, or the conversation its thread belongs to. */
  readonly room: ConversationAddress;
}

/**
 * The incident a conversation is a room of, or a thread of a room of. Its own room wins over its
 * parent's, so a thread opened as one incident's room inside another incident's channel stays its own.
 */
export async function findRoomIncident(incidents: Pick<IncidentRepository, 'findByRoom'>, conversation: ConversationAddress): Promise<RoomMatch | undefined> {
  for (const room of enclosingConversations(conversation)) {
    const incident = await incidents.findByRoom(room);
    if (incident) return { incident, room };
  }
  return undefined;
}
