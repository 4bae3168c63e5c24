import { RateLimitedError } from '@muster/core';
import { LRUCache } from 'lru-cache';

export interface RateWindow {
  readonly windowMs: number;
  readonly max: number;
}

/**
 * What Teams allows one bot in one conversation (thread) for sends, replies, updates and deletes:
 * 7 in any second, 8 in any 2 seconds, 60 in 30 seconds, 1,800 in an hour (Microsoft's "rate
 * limiting for bots" table).
 */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { windowMs: 1000, max: 7 },
  { windowMs: 2000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1800 },
];

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PacerOptions {
  readonly limits?: readonly RateWindow[];
  /** Waiting longer than this holds a worker for nothing: throw RateLimitedError and let the outbox come back. */
  readonly maxWaitMs?: number;
  /** Added to every window, for clock and network jitter between us and Teams. */
  readonly marginMs?: number;
  readonly clock?: PacerClock;
  /** Conversations remembered at once; the least recently used are forgotten. */
  readonly maxConversations?: number;
}

/**
 * Paces operations per conversation so Muster stays under Teams' limits instead of collecting 429s.
 * Each call reserves the earliest moment every window allows, then waits for it; concurrent callers
 * get successive slots. A slot further away than `maxWaitMs` is not taken: the caller gets a
 * RateLimitedError with the delay, so the outbox retries the effect later.
 */
export class ConversationPacer {
  private readonly limits: readonly RateWindow[];
  private readonly maxWaitMs: number;
  private readonly marginMs: number;
  private readonly clock: PacerClock;
  // Per instance: several instances posting into one conversation can together pass Teams' limits; the
  // 429 that follows is unambiguous (Teams did nothing) and the outbox retries after Retry-After.
  private readonly slots: LRUCache<string, number[]>;
  private waitingNow = 0;

  constructor(options: PacerOptions = {}) {
    this.limits = options.limits ?? TEAMS_CONVERSATION_LIMITS;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
    this.marginMs = options.marginMs ?? 50;
    this.clock = options.clock ?? realClock;
    this.slots = new LRUCache({ max: options.maxConversations ?? 10_000 });
  }

  /** How many callers are waiting for a slot right now (for tests and metrics). */
  get waiting(): number {
    return this.waitingNow;
  }

  async acquire(conversationKey: string): Promise<void> {
    const now = this.clock.now();
    const longest = Math.max(...this.limits.map((l) => l.windowMs + this.marginMs));
    const taken = (this.slots.get(conversationKey) ?? []).filter((t) => t > now - longest);
    const at = this.earliestSlot(taken, now);
    if (at - now > this.maxWaitMs) {
      this.slots.set(conversationKey, taken);
      throw new RateLimitedError(at - now, 'Posting to this Teams conversation');
    }
    taken.push(at);
    taken.sort((a, b) => a - b);
    this.slots.set(conversationKey, taken);
    if (at <= now) return;
    this.waitingNow++;
    try {
      await this.clock.sleep(at - now);
    } finally {
      this.waitingNow--;
    }
  }

  /** The first moment ≥ now at which one more operation keeps every window under its maximum. */
  private earliestSlot(taken: readonly number[], now: number): number {
    let at = now;
    for (let changed = true; changed; ) {
      changed = false;
      for (const { windowMs, max } of this.limits) {
        const span = windowMs + this.marginMs;
        const inWindow = taken.filter((t) => t > at - span);
        if (inWindow.length < max) continue;
        // One more fits once all but the newest `max - 1` have left the window.
        const freesAt = (inWindow[inWindow.length - max] as number) + span;
        if (freesAt > at) {
          at = freesAt;
          changed = true;
        }
      }
    }
    return at;
  }
}
