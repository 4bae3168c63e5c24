import { inject, injectable, optional } from 'inversify';
import type { ConversationRef } from '../../domain/person';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { CommandRegistry } from '../commands/command-registry';
import type { CommandReply, FormReply, FormValues } from '../commands/command-reply';
import { InteractionRouter } from '../commands/interaction-router';
import { DEFAULT_PREFIX } from '../commands/command-usage';
import type { RequestContext } from '../incidents/request-context';
import { CaptureConversation, type CaptureResult, type CapturedMessage } from '../services/capture-conversation';
import type { IdentityLinks } from '../ports/identity-links.port';
import { helpView } from '../views/help.view';
import type { View } from '../views/view';
import { AccessPolicy } from '../access/access-policy';
import { TOKENS } from '../container/tokens';
import type { InboundPort } from './inbound.port';

/** Core's side of the platform seam: every adapter's request lands here, whatever the platform. */
@injectable()
export class MusterInbound implements InboundPort {
  constructor(
    @inject(CommandDispatcher) private readonly commands: CommandDispatcher,
    @inject(InteractionRouter) private readonly interactions: InteractionRouter,
    @inject(CaptureConversation) private readonly capture: CaptureConversation,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(CommandRegistry) private readonly registry: CommandRegistry,
    @inject(TOKENS.IdentityLinks) @optional() private readonly links?: IdentityLinks,
  ) {}

  async command(ctx: RequestContext, text: string): Promise<CommandReply> {
    return this.commands.handleText(await this.linked(ctx), text, ctx.prefix ?? DEFAULT_PREFIX);
  }

  async action(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply> {
    return this.interactions.handleAction(await this.linked(ctx), actionId, value);
  }

  async form(ctx: RequestContext, formId: string, values: FormValues, privateMetadata?: string): Promise<FormReply> {
    return this.interactions.handleForm(await this.linked(ctx), formId, values, privateMetadata);
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

  /** The help overview from the registry's catalogue as it is now, so a plugin's commands are in the greeting too. */
  async welcome(prefix: string): Promise<View> {
    return helpView(undefined, prefix, this.registry.catalog());
  }

  /** The request as the same human's other identities too; a failing directory means no links, not a failed request. */
  private async linked(ctx: RequestContext): Promise<RequestContext> {
    if (!this.links || ctx.platform === 'api' || ctx.platform === 'webhook') return ctx;
    const others = await this.links.linkedTo(ctx.actor, this.access.tenantOf(ctx), ctx.workspaceId).catch(() => []);
    const alsoKnownAs = others.filter((p) => p.platform !== ctx.actor.platform || p.id !== ctx.actor.id);
    return alsoKnownAs.length ? { ...ctx, alsoKnownAs } : ctx;
  }
}
