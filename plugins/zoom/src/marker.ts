import { createHash } from 'node:crypto';

/**
 * What Muster writes into the meeting's agenda so a redone call finds the meeting an earlier attempt
 * made: a hash of the call's idempotency key (the key itself names Muster internals).
 */
export function meetingMarker(idempotencyKey: string): string {
  return `muster:${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}
