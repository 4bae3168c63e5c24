import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without leaking, through timing, where they differ or how long the expected
 * one is: both sides are hashed first, so `timingSafeEqual` always sees two 32-byte buffers.
 */
export function constantTimeEqual(presented: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
