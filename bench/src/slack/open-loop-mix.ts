/**
 * What the open-loop suites send, in the proportions of a busy incident: 90% people's messages in
 * the incident rooms, 10% `/incident` commands in those rooms (status, note, sev, ack; a few declares
 * from #general) and clicks on the rooms' incident cards. Seeded, so every target and every
 * repetition of a rate gets the same sequence; ids and timestamps are unique per phase, so no message
 * is a redelivery of another phase's.
 */
import { seededRandom } from '../suites/ingestion-plan';

export type PlannedRequest =
  | { readonly kind: 'message'; readonly room: number; readonly eventId: string; readonly ts: string; readonly speaker: number; readonly text: string }
  | { readonly kind: 'command'; readonly room: number | 'general'; readonly text: string; readonly expectsIncident: boolean }
  | { readonly kind: 'click'; readonly room: number; readonly actionId: string };

export const MIX = { message: 0.9, command: 0.07, click: 0.03 } as const;

/** Core's action ids on the incident card (core/src/application/views/action-ids.ts). */
const CARD_BUTTONS = ['incident.severity', 'incident.assign', 'incident.severity', 'incident.assign', 'incident.ack'] as const;

const PHRASES = [
  'checkout p99 is back above 2s on eu-west', 'rolling back payments-api to the previous build now',
  'I see 502s from the edge, not from the origin', 'can someone from the db team look at replica lag?',
  'status page updated, next update in 30 minutes', 'error rate dropped to 0.4% after the flag flip',
];

export function planOpenLoopMix(count: number, seed: number, rooms: number, speakers: number): PlannedRequest[] {
  const random = seededRandom(seed);
  const baseSeconds = Math.floor(Date.now() / 1000) - 3_600;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i): PlannedRequest => {
    const room = Math.floor(random() * rooms);
    const roll = random();
    if (roll < MIX.message) {
      return {
        kind: 'message', room, speaker: i % speakers, text: pick(PHRASES),
        eventId: `Ev${seed.toString(36).toUpperCase()}O${i.toString(36).toUpperCase().padStart(5, '0')}`,
        ts: `${baseSeconds + Math.floor(i / 1_000)}.${String(i % 1_000).padStart(3, '0')}${String(seed % 1_000).padStart(3, '0')}`,
      };
    }
    if (roll < MIX.message + MIX.click) return { kind: 'click', room, actionId: pick(CARD_BUTTONS) };
    const command = random();
    if (command < 0.1) return { kind: 'command', room: 'general', text: `declare Open loop s${seed} r${i} --sev SEV3`, expectsIncident: true };
    if (command < 0.5) return { kind: 'command', room, text: 'status', expectsIncident: true };
    if (command < 0.8) return { kind: 'command', room, text: `note ${pick(PHRASES)}`, expectsIncident: false };
    if (command < 0.9) return { kind: 'command', room, text: `sev ${i % 2 ? 'SEV2' : 'SEV3'}`, expectsIncident: false };
    return { kind: 'command', room, text: 'ack', expectsIncident: false };
  });
}
