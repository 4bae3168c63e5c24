import type { ChatPlatform, EmailDirectory, Incident, Logger, PersonRef } from '@muster/core';
import type { PluginPerson } from '@muster/plugin-sdk';

/** At most this many paged people are looked up and invited: a hostile answer cannot flood the room. */
export const MAX_INVITED = 20;

/**
 * The chat people the paged people are, per room of the incident: each email looked up in the room's
 * platform directory (Slack, Teams with Graph). Someone not found, or a directory that cannot answer,
 * is skipped: an invitation is a convenience, never a reason to fail the page.
 */
export async function chatPeopleOf(
  paged: readonly PluginPerson[], incident: Incident, directories: Partial<Record<ChatPlatform, EmailDirectory>>, logger: Logger,
): Promise<PersonRef[]> {
  const emails = [...new Set(paged.map((p) => p.email?.trim().toLowerCase()).filter((e): e is string => !!e && e.includes('@')))].slice(0, MAX_INVITED);
  const found = new Map<string, PersonRef>();
  for (const room of incident.snapshot().links.rooms) {
    const directory = directories[room.platform];
    if (!directory) continue;
    for (const email of emails) {
      try {
        const person = await directory.byEmail(room.workspaceId, email);
        if (person) found.set(`${person.platform}:${person.id}`, person);
      } catch (error) {
        logger.info('a paged person could not be looked up in the chat directory', { platform: room.platform, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return [...found.values()];
}
