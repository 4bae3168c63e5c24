/**
 * Side effects (rooms, posts, invites, pages, LLM calls) are written to the outbox in the same
 * transaction as the change that causes them, and carried out afterwards with retries. So an ack never
 * waits for a remote API, and a crash between "decided" and "done" loses nothing.
 */
export interface OutboxMessage {
  readonly id: string;
  readonly topic: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The same key is enqueued once; handlers pass it on so remote posts are not doubled. */
  readonly idempotencyKey: string;
  /** Claims so far, this one included: a claim counts as an attempt, so a message that crashes its worker still reaches the dead-letter limit. */
  readonly attempts: number;
  readonly availableAt: Date;
  readonly createdAt: Date;
  readonly lastError?: string;
}

export type NewOutboxMessage = Pick<OutboxMessage, 'topic' | 'payload' | 'idempotencyKey'> & { readonly availableAt?: Date };

/**
 * What one step of a side effect (one remote call) is known to have done. A step is `begun` before the
 * remote call and `completed` with its result right after it returns, each write durable on its own,
 * so after a crash a step is either done (never redone), uncertain (begun: the remote side may have
 * done it; look before redoing it) or never started.
 */
export interface EffectRecord {
  readonly effectKey: string;
  /** When the first attempt of the step began; a remote search for its outcome starts here. */
  readonly begunAt: Date;
  /** How many attempts began the step: more than one without a result means an earlier one may have done it. */
  readonly begins: number;
  /** The step's result (plain JSON) once it returned; absent while the outcome is unknown. */
  readonly result?: Readonly<Record<string, unknown>>;
}

/** The durable effect log, kept beside the outbox so it lives in the same store. */
export interface EffectLog {
  /** Notes that an attempt is about to run the step (counted in `begins`) and returns the record as it now is. */
  beginEffect(effectKey: string): Promise<EffectRecord>;
  /** Stores the step's result; a later retry reads it instead of calling the remote side again. */
  completeEffect(effectKey: string, result: Readonly<Record<string, unknown>>): Promise<void>;
  effect(effectKey: string): Promise<EffectRecord | undefined>;
}

export interface Outbox extends EffectLog {
  /** Adds messages; a message whose idempotency key is already known is ignored. */
  enqueue(messages: readonly NewOutboxMessage[]): Promise<void>;
  /**
   * Takes up to `limit` messages that are due, leasing them for `leaseMs` so another worker (or this
   * one after a crash) only sees them again once the lease runs out.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /**
   * Extends the lease of a claimed message to `until`, but only while it is neither done nor dead and
   * still at `attempts` (the claim that handed it out). False means it was finished, or claimed again
   * since (a later claim counted another attempt): whoever holds that older claim must leave it alone.
   * A queue worker calls this before it runs a message it was handed (runtime/queues in the server).
   */
  renewLease(id: string, attempts: number, until: Date): Promise<boolean>;
  complete(id: string): Promise<void>;
  /** Schedules another attempt, or gives up (dead-letters) when `retryAt` is undefined. */
  fail(id: string, error: string, retryAt: Date | undefined): Promise<void>;
  /**
   * Makes every leased, unfinished message claimable now. Only for a process that knows no other worker
   * is alive (the embedded SQLite store at start-up): after a crash its work resumes at once instead
   * of waiting for the leases to run out. Returns how many were released.
   */
  releaseLeases(): Promise<number>;
  /**
   * Messages still to be done (not completed, not dead) that are due or were tried: a timer set for
   * later (a reminder, `availableAt` in the future) and never tried is scheduled, not a backlog, so it
   * is not counted until it falls due. A message waiting to be retried is counted.
   */
  depth(): Promise<number>;
  /** Messages given up on. */
  deadLetterCount(): Promise<number>;
  deadLetters(limit: number): Promise<OutboxMessage[]>;
}
