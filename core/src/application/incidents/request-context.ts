import type { ConversationRef, PersonRef, Platform } from '../../domain/person';

/** Who is asking, from where. Adapters build one per inbound command, button or form. */
export interface RequestContext {
  readonly actor: PersonRef;
  readonly platform: Platform;
  /** Slack team id, Teams tenant id, `local` for the console, `api` for REST callers. */
  readonly workspaceId: string;
  /** The conversation the request was made in, when there is one. */
  readonly conversation?: ConversationRef;
  /** Stable id of the inbound request, so a redelivered one is handled once. */
  readonly idempotencyKey: string;
  /**
   * How this platform's users invoke Muster (`/incident` in Slack and the console, `@Muster` in Teams).
   * The parser accepts it in front of a command, and plain-text fallbacks write commands with it (views
   * carry commands as `{ command }` inlines, which each renderer writes with its own prefix).
   * Absent: the canonical `/incident`.
   */
  readonly prefix?: string;
  /**
   * The same human's identities on other platforms (linked by the directory, e.g. by email), filled in
   * by the inbound port. Access and roles accept any of them as the actor (access/actor-identity.ts).
   */
  readonly alsoKnownAs?: readonly PersonRef[];
}
