import type { ConversationRef } from '../../domain/person';
import type { CommandReply, FormReply, FormValues } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import type { CaptureResult, CapturedMessage } from '../services/capture-conversation';
import type { FormView, View } from '../views/view';

/**
 * The one door every chat platform calls (ARCHITECTURE.md, "one platform seam"). An adapter turns its
 * platform's request into a RequestContext (with the platform's invocation prefix) and one of these
 * calls, and shows the reply through a ReplySurface. Text reaching it has mentions in the neutral
 * `<@platform:id|name>` form (domain/person-mention.ts).
 */
export interface InboundPort {
  /** A typed command without its prefix (`declare SEV2 Checkout down`). */
  command(ctx: RequestContext, text: string): Promise<CommandReply>;
  /** A button: its action id and value as core's views set them. */
  action(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply>;
  /** A submitted form: its id, values by input id, and the metadata the form view carried. */
  form(ctx: RequestContext, formId: string, values: FormValues, privateMetadata?: string): Promise<FormReply>;
  /** Conversation capture; the adapter acknowledges the platform only after the promise resolves. */
  captureMessage(message: CapturedMessage): Promise<CaptureResult>;
  captureEdit(room: ConversationRef, messageId: string, text: string, at: Date): Promise<CaptureResult>;
  captureDelete(room: ConversationRef, messageId: string, at: Date): Promise<CaptureResult>;
  captureHighlight(room: ConversationRef, messageId: string, on: boolean): Promise<CaptureResult>;
  /**
   * What Muster says where it arrives (added to a team or a chat): how to start, with every command it
   * answers to now (those plugins added included), written with the platform's prefix.
   */
  welcome(prefix: string): Promise<View>;
}

/** A document to attach (the postmortem in Markdown). */
export interface ReplyDocument {
  readonly filename: string;
  readonly title: string;
  readonly markdown: string;
}

/**
 * What one platform can do with a reply, for one request. Core's reply delivery (reply-delivery.ts,
 * `deliverReply`) decides what goes where and what the fallbacks are (a form that cannot open, a
 * document that cannot be attached, no conversation → a direct message); the surface only moves
 * bytes. A method left out means the platform cannot do it here.
 */
export interface ReplySurface {
  /**
   * False when the request came from no conversation (Slack's global shortcut, a modal opened from
   * nowhere): views then go `direct`. Absent means there is one.
   */
  readonly hasConversation?: boolean;
  /** Show a view: `in_channel` to the conversation, `ephemeral` to the requester alone (or privately). */
  show(view: View, visibility: CommandReply['visibility']): Promise<void>;
  /** Privately to the requester, outside any conversation (a direct message from Muster). */
  direct?(view: View): Promise<void>;
  /** Replace the message the pressed button was on. */
  replace?(view: View): Promise<void>;
  /** Show the presser the incident card they acted on as it is now (`CommandReply.refreshedCard`). */
  redraw?(view: View): Promise<void>;
  /** Open a form for the requester (Slack modal, Teams card form, console prompts). */
  openForm?(form: FormView): Promise<void>;
  /** Attach a document in the conversation. */
  attach?(document: ReplyDocument): Promise<void>;
}
