import { CHAT_PLATFORMS, type ChatPlatform, type PersonRef } from '../../../domain/person';
import type { IncidentRoom } from '../../../domain/incident-state';
import type { DirectoryPort } from '../../ports/chat-gateway.port';

const PLATFORM_USER = /^(slack|teams|console):([^\s:]{1,200})$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[A-Za-z]{2,63}$/;

/** Whom a configured name means in one room's workspace, and the names nobody answers to there. */
export interface Found {
  readonly people: PersonRef[];
  readonly missing: string[];
}

/**
 * A configured name on one platform: `slack:U123` (a platform user, only on its own platform), a
 * group the directory knows (a Slack user group, an Entra group by email), an email, or a handle.
 */
export async function peopleIn(directory: DirectoryPort, room: IncidentRoom, names: readonly string[]): Promise<Found> {
  const people: PersonRef[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const found = await oneName(directory, room.platform, room.workspaceId, name);
    if (found === undefined) missing.push(name);
    else people.push(...found);
  }
  const unique = new Map(people.map((p) => [`${p.platform}:${p.id}`, p]));
  return { people: [...unique.values()], missing };
}

async function oneName(directory: DirectoryPort, platform: ChatPlatform, workspaceId: string, name: string): Promise<PersonRef[] | undefined> {
  const user = PLATFORM_USER.exec(name);
  if (user) return user[1] === platform ? [{ platform, id: user[2]! }] : [];
  const group = await directory.groupMembers?.(platform, workspaceId, name);
  if (group) return [...group];
  if (EMAIL.test(name)) {
    const byEmail = await directory.byEmail?.(platform, workspaceId, name);
    return byEmail ? [byEmail] : undefined;
  }
  const person = await directory.resolve(platform, workspaceId, name);
  return person ? [person] : undefined;
}

export const isChatPlatform = (p: string): p is ChatPlatform => (CHAT_PLATFORMS as readonly string[]).includes(p);
