import type { CaptureResult, CapturedMessage, CommandReply, ConversationRef, FormReply, FormValues, Logger, RequestContext } from '@muster/core';

/**
 * What the Slack transport needs from core: the three doors every platform uses. Declared here as
 * plain shapes (CommandDispatcher, InteractionRouter and CaptureConversation fit them) so the Bolt
 * layer can be built without a container and its specs can pass small stand-ins.
 */
export interface MusterEntryPoints {
  readonly commands: { handleText(ctx: RequestContext, text: string, prefix?: string): Promise<CommandReply> };
  readonly interactions: {
    handleAction(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply>;
    handleForm(ctx: RequestContext, formId: string, values: FormValues, privateMetadata?: string): Promise<FormReply>;
  };
  readonly capture: {
    message(m: CapturedMessage): Promise<CaptureResult>;
    edited(room: ConversationRef, messageId: string, text: string, at: Date): Promise<CaptureResult>;
    deleted(room: ConversationRef, messageId: string, at: Date): Promise<CaptureResult>;
    highlighted(room: ConversationRef, messageId: string, on: boolean): Promise<CaptureResult>;
  };
  /** The reaction that marks a highlight, without colons (`pushpin`). */
  readonly highlightReaction: string;
  readonly logger: Logger;
  /**
   * Called after a request may have queued outbox work (a declare, a button), so the server can run
   * it at once instead of at its next poll. Never awaited: the ack does not wait for it.
   */
  readonly onWorkQueued?: () => void;
}
