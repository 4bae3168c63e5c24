import { commandInfo, type CommandName } from '@muster/core';

/**
 * The commands Teams suggests after `@Muster` (at most ten per list). Chosen for the moments a responder
 * is in the room: open or find the incident (declare, status), the lifecycle moves made in every
 * incident (ack, sev, assign, resolve), keeping people informed (summary, update, note), and help,
 * which lists everything else. Left out: the rarer moves (mitigate, reopen, decline, close), the
 * follow-up work done after the incident (action, actions, timeline, postmortem), list and the admin
 * command plugins; all are still typed the same way and shown by help.
 */
export const TEAMS_MENU_COMMANDS: readonly CommandName[] = ['declare', 'status', 'ack', 'sev', 'assign', 'resolve', 'summary', 'update', 'note', 'help'];

/** Title = the command word, description = its help line, as core's catalogue writes them. */
export function teamsCommandList(): { title: string; description: string }[] {
  return TEAMS_MENU_COMMANDS.map((name) => ({ title: name, description: commandInfo(name).summary }));
}
