import type { ChatPlatform, ConversationRef, Link, MessageRef, PersonRef } from '../../domain/person';
import type { View } from '../views/view';

export interface CreateRoom {
  readonly workspaceId: string;
  /** Wanted name; the gateway makes it valid for the platform and unique (next free name on a clash). */
  readonly name: string;
  readonly private: boolean;
  readonly topic: string;
  /**
   * The people the room is for (the declarer first, then role holders and service owners), for
   * platforms that must name members when the room is made: a Teams private channel needs an owner,
   * a group chat its members. Others ignore it and invite afterwards.
   */
  readonly members?: readonly PersonRef[];
  /** Makes creation idempotent: a retry with the same key returns the room made the first time. */
  readonly idempotencyKey: string;
  /**
   * Set when an earlier attempt (maybe in a process that has since died) began creating this room and
   * its outcome is unknown: the gateway first looks for the room that attempt may have made, and
   * adopts it instead of making a second one.
   */
  readonly uncertainSince?: Date;
  /**
   * The conversation the incident was declared in, when on this platform: where a platform that opens
   * rooms as threads (Teams without Graph) starts the thread.
   */
  readonly requestedIn?: ConversationRef;
  /**
   * The caller sets the topic with `setTopic` itself, beside the room's other first steps (see
   * `ChatGateway.topicApart`): a gateway whose topic is a call of its own skips it here. Others, which
   * give the topic in the create itself, ignore this.
   */
  readonly topicLater?: boolean;
}

export interface PostOptions {
  /** A retried post with the same key must not appear twice. */
  readonly idempotencyKey: string;
  readonly threadId?: string;
  /** Set when an earlier attempt began this post and its outcome is unknown: look for it before posting again. */
  readonly uncertainSince?: Date;
}

/** What one chat platform can do for the incident flow. Implemented by each adapter. */
export interface ChatGateway {
  readonly platform: ChatPlatform;
  /**
   * How this platform's users invoke Muster (`/incident`, `@Muster`). The renderer writes command
   * inlines with it; views built outside a request (the outbox) use it for their plain fallback.
   * Absent: the canonical `/incident`.
   */
  readonly prefix?: string;
  /**
   * True when the platform sets a room's topic in a call of its own after the create (Slack's
   * conversations.setTopic): room set-up then asks for it beside the invite and the card instead of
   * waiting for it inside createRoom, one remote round trip off the critical path.
   */
  readonly topicApart?: boolean;
  createRoom(request: CreateRoom): Promise<ConversationRef>;
  post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef>;
  update(message: MessageRef, view: View): Promise<void>;
  /** Visible to one person only, where the platform supports it. */
  postEphemeral(conversation: ConversationRef, person: PersonRef, view: View): Promise<void>;
  invite(conversation: ConversationRef, people: readonly PersonRef[]): Promise<void>;
  setTopic(conversation: ConversationRef, topic: string): Promise<void>;
  pin(message: MessageRef): Promise<void>;
  bookmark(conversation: ConversationRef, link: Link): Promise<void>;
  archive(conversation: ConversationRef): Promise<void>;
}

/** The gateways of the platforms switched on in this process. */
export interface ChatGatewayRegistry {
  get(platform: ChatPlatform): ChatGateway | undefined;
  all(): readonly ChatGateway[];
}

/** Resolves what people type (`@sre-lead`, `<@U123>`) into people, per platform. */
export interface DirectoryPort {
  /** Undefined when nobody matches: the caller tells the user whom it could not find. */
  resolve(platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined>;
  /**
   * Whether the person administers the workspace as the platform reports it (Slack: an admin or
   * owner), asked fresh for decisions such as who may install plugins. Undefined, or a method left
   * out, when the platform cannot say (Teams would need extra Graph permissions): then only the
   * configured `admins` count. Throws when the platform could not be asked.
   */
  isWorkspaceAdmin?(workspaceId: string, person: PersonRef): Promise<boolean | undefined>;
  /**
   * The one person with this email address in the workspace, when the platform's directory can look
   * people up by email (Slack; Teams with Graph). Left out, or undefined, when it cannot or nobody has
   * it. Throws when the platform could not be asked.
   */
  byEmail?(platform: ChatPlatform, workspaceId: string, email: string): Promise<PersonRef | undefined>;
  /**
   * The members of a group (`@payments-oncall` as a Slack user group; an Entra group's email on Teams
   * with Graph), for workflows that invite a team. Undefined when the name is no group the platform
   * knows, or the method is left out (the platform cannot list groups): the caller then treats the
   * name as a person. Throws when the platform could not be asked.
   */
  groupMembers?(platform: ChatPlatform, workspaceId: string, name: string): Promise<readonly PersonRef[] | undefined>;
}
