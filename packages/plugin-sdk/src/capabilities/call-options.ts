/**
 * What the host hands every outgoing capability call. The host runs each call from the outbox, so a
 * call can be repeated after a crash, a time-out or a retry: it must never create a second ticket,
 * page or meeting.
 */
export interface CallOptions {
  /**
   * Stable across every attempt of this one call: send it where the API takes one (PagerDuty
   * `dedup_key`, Opsgenie `alias`, a `Idempotency-Key` header), or store it remotely (a Jira label, a
   * meeting's agenda) so a look-up can find what an earlier attempt made.
   */
  readonly idempotencyKey: string;
  /**
   * Set when an earlier attempt of this call began and its outcome is unknown (the process died, the
   * answer never came). Look on the remote side for what that attempt did before doing it again.
   */
  readonly uncertainSince?: Date;
}

/** What a remote object is to Muster: shown on the card as a link, its `id` kept for later calls. */
export interface RemoteRef {
  /** The remote id later calls need (a PagerDuty incident id, a Jira key, a meeting id). At most 200 characters. */
  readonly id: string;
  /** http(s), no credentials. */
  readonly url?: string;
  /** Short, one line: `OPS-123`, `Zoom meeting`. At most 200 characters. */
  readonly title?: string;
}
