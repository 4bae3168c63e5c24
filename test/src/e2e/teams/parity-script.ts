import type { TimelineEntry } from '@muster/core';

/** The three people of the scripted incident; each platform's driver knows their ids there. */
export type Person = 'ana' | 'bob' | 'cleo';

/**
 * One chat platform driving the real Muster server, as its users would: typed commands, room
 * messages, a reaction, card buttons. `@bob` in a text is a real mention on the platform
 * (`<@U0BOB>` on Slack, `<at>bob</at>` with its mention entity on Teams).
 */
export interface IncidentChat {
  readonly platform: 'slack' | 'teams';
  /** The command (`declare …`, `ack`, …) typed in the channel (to declare) or in the incident's room. */
  command(who: Person, text: string, where: 'channel' | 'room'): Promise<void>;
  /** A message in the room that is not a command; returns its id on the platform. */
  say(who: Person, text: string): Promise<string>;
  /** The highlight reaction (`:pushpin:` / 📌) on a room message. */
  highlight(who: Person, messageId: string): Promise<void>;
  /** Presses the button for core's `actionId` on the newest room message that has one. */
  press(who: Person, actionId: string): Promise<void>;
  /** Until every follow-up and the outbox are done. */
  settle(): Promise<void>;
  timeline(): Promise<TimelineEntry[]>;
  /** The postmortem as the platform's user gets the Markdown document. */
  postmortem(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The scripted incident, the same words on every platform: declared in a channel, worked in its room
 * (messages with a mention and a highlight, acknowledged from the card, severity raised, a role
 * assigned, a note), an internal update drafted and approved by the new Communications Lead,
 * resolved, and the postmortem asked for.
 */
export async function runScriptedIncident(chat: IncidentChat): Promise<void> {
  await chat.command('ana', 'declare Checkout down --sev SEV2', 'channel');
  await chat.settle();
  const first = await chat.say('bob', 'Card payments fail with 502 since 09:40');
  await chat.say('ana', '@cleo can you check the gateway?');
  await chat.highlight('ana', first);
  await chat.press('ana', 'incident.ack');
  await chat.settle();
  await chat.command('ana', 'sev SEV1', 'room');
  await chat.command('ana', 'assign comms @bob', 'room');
  await chat.command('cleo', 'note Gateway pool exhausted; raised it to 200', 'room');
  await chat.say('cleo', 'Payments recovering, error rate 0.5%');
  await chat.command('bob', 'update internal', 'room');
  await chat.settle();
  await chat.press('bob', 'update.approve');
  await chat.settle();
  await chat.command('ana', 'resolve', 'room');
  await chat.settle();
  await chat.command('ana', 'postmortem', 'room');
  await chat.settle();
}
