import { inject, injectable } from 'inversify';
import type { ConversationRef } from '../../domain/person';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply, FormReply, FormValues } from '../commands/command-reply';
import { InteractionRouter } from '../commands/interaction-router';
import { DEFAULT_PREFIX } from '../commands/command-usage';
import type { RequestContext } from '../context';
import { CaptureConversation, type CaptureResult, type CapturedMessage } from '../services/capture-conversation';
import type { InboundPort } from './inbound.port';

/** Core's side of the platform seam: every adapter's request lands here, whatever the platform. */
@injectable()
export class MusterInbound implements InboundPort {
  constructor(
    @inject(CommandDispatcher) private readonly commands: CommandDispatcher,
    @inject(InteractionRouter) private readonly interactions: InteractionRouter,
    @inject(CaptureConversation) private readonly capture: CaptureConversation,
  ) {}

  command(ctx: RequestContext, text: string): Promise<CommandReply> {
    return this.commands.handleText(ctx, text, ctx.prefix ?? DEFAULT_PREFIX);
  }

  action(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply> {
    return this.interactions.handleAction(ctx, actionId, value);
  }

  form(ctx: RequestContext, formId: string, values: FormValues, privateMetadata?: string): Promise<FormReply> {
    return this.interactions.handleForm(ctx, formId, values, privateMetadata);
  }

  captureMessage(message: CapturedMessage): Promise<CaptureResult> {
    return this.capture.message(message);
  }

  captureEdit(room: ConversationRef, messageId: string, text: string, at: Date): Promise<CaptureResult> {
    return this.capture.edited(room, messageId, text, at);
  }

  captureDelete(room: ConversationRef, messageId: string, at: Date): Promise<CaptureResult> {
    return this.capture.deleted(room, messageId, at);
  }

  captureHighlight(room: ConversationRef, messageId: string, on: boolean): Promise<CaptureResult> {
    return this.capture.highlighted(room, messageId, on);
  }
}
