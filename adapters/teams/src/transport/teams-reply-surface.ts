import type { CommandReply, FormValues, FormView, Logger, ReplyDocument, ReplySurface, View } from '@muster/core';
import type { TeamsCardKit } from './card-kit';
import { consentCard } from './file-consent';
import type { FileOffers } from './file-offers';
import type { FormMemory } from './form-memory';
import { isPersonalChat } from './teams-context';
import type { CardAttachment, InvokeAnswer, OutgoingMessage, TeamsTurn } from './teams-turn';

/**
 * Said in the conversation when a private answer could not be delivered privately. It carries none of
 * the private content: only how to receive such answers.
 */
export const PRIVATE_ANSWER_NOTICE = 'Muster has an answer only you should see, but could not message you privately. '
  + 'Add Muster as a personal app (Apps → Muster → Add), then ask again.';

/**
 * Core's replies, shown on Teams for one request. A typed command (or an old client's Action.Submit)
 * is answered by posting; an Action.Execute press is answered on its own request (the invoke
 * response): the refreshed card, or a message while the card stays. Teams has no ephemeral messages in
 * channels and group chats, so private answers there go to a 1:1 chat with the requester.
 */
export class TeamsReplySurface implements ReplySurface {
  private invokeAnswer?: InvokeAnswer;

  constructor(
    private readonly turn: TeamsTurn,
    private readonly cards: TeamsCardKit,
    private readonly forms: FormMemory,
    private readonly files: FileOffers,
    private readonly logger: Logger,
  ) {}

  private get isInvoke(): boolean {
    return this.turn.activity.type === 'invoke';
  }

  async show(view: View, visibility: CommandReply['visibility']): Promise<void> {
    if (visibility === 'in_channel') {
      await this.turn.reply(this.message(view));
      this.answerOnce({ kind: 'message', text: view.fallback });
    } else if (this.isInvoke) {
      this.answerOnce({ kind: 'message', text: view.fallback });
    } else if (isPersonalChat(this.turn.activity)) {
      await this.turn.reply(this.message(view));
    } else {
      await this.privately(this.message(view));
    }
  }

  /** Privately, outside any conversation: the 1:1 chat with the requester (core's `direct`, once the seam is in). */
  async direct(view: View): Promise<void> {
    await this.turn.sendPrivately(this.message(view));
  }

  /** Everyone sees the new card: the presser through the invoke answer, the others through an update. */
  async replace(view: View): Promise<void> {
    const message = this.message(view);
    const original = this.turn.activity.replyToId;
    if (this.isInvoke) {
      this.invokeAnswer = { kind: 'card', card: message.attachments[0].content };
      if (original) await this.turn.update(original, message).catch((error: unknown) => this.logger.warn('Teams card could not be updated for everyone', { err: error }));
      return;
    }
    if (original) await this.turn.update(original, message);
    else await this.turn.reply(message);
  }

  /**
   * The incident card after the presser's change, as the Action.Execute answer: Teams shows it to the
   * presser at once (in place of the card, or of the form the card opened). Everyone's copy is
   * redrawn by the outbox; a typed command has no card to answer with.
   */
  async redraw(view: View): Promise<void> {
    if (this.isInvoke) this.invokeAnswer = { kind: 'card', card: this.message(view).attachments[0].content };
  }

  async openForm(form: FormView): Promise<void> {
    await this.showForm(form);
  }

  /** A submitted form that core refused: the form again with what was typed and the errors beside it. */
  async showFormErrors(formId: string, metadata: string | undefined, values: FormValues, errors: Readonly<Record<string, string>>): Promise<void> {
    const form = this.forms.recall(formId, metadata);
    if (form) return this.showForm(form, { values, errors });
    // The form was shown by another process or before a restart: say what to fix, the card stays.
    const text = Object.values(errors).join(' ');
    if (this.isInvoke) this.invokeAnswer = { kind: 'message', text };
    else await this.turn.reply({ text });
  }

  /**
   * A document goes to the requester's 1:1 chat as a file-consent card: Teams lets a bot send a file
   * only there, and only once the person accepts (file-consent-turn.ts uploads it then). A failure
   * here is core's to tell (the document could not be attached).
   */
  async attach(document: ReplyDocument): Promise<void> {
    const { from } = this.turn.activity;
    const offer = await this.files.offer(document, { id: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) });
    const message = { text: `${document.title}: ${document.filename}`, attachments: [consentCard(offer, document.title)] };
    // An offer that could not be shown is never answered; it expires with the others.
    if (isPersonalChat(this.turn.activity)) await this.turn.reply(message);
    else await this.turn.sendPrivately(message);
  }

  /** The invoke answer to send (Teams needs one for every Action.Execute). */
  finalInvokeAnswer(): InvokeAnswer {
    return this.invokeAnswer ?? { kind: 'message', text: '' };
  }

  /**
   * A form card is a message everyone in the conversation sees: a confidential one (plugin settings)
   * asked for in a channel or group chat goes to the 1:1 chat with the requester instead.
   */
  private async showForm(form: FormView, options?: Parameters<TeamsCardKit['form']>[1]): Promise<void> {
    this.forms.remember(form);
    const card = this.cards.form(form, options);
    if (this.isInvoke) this.invokeAnswer = { kind: 'card', card: card.content };
    else if (form.confidential && !isPersonalChat(this.turn.activity)) await this.privately({ text: form.fallback, attachments: [card] });
    else await this.turn.reply({ text: form.fallback, attachments: [card] });
  }

  private async privately(message: OutgoingMessage): Promise<void> {
    try {
      await this.turn.sendPrivately(message);
    } catch (error) {
      this.logger.info('Teams private answer could not be sent 1:1; telling the requester how to get one', { err: error });
      await this.turn.reply({ text: PRIVATE_ANSWER_NOTICE });
    }
  }

  private answerOnce(answer: InvokeAnswer): void {
    if (this.isInvoke) this.invokeAnswer ??= answer;
  }

  private message(view: View): OutgoingMessage & { readonly attachments: readonly [CardAttachment] } {
    return { text: view.fallback, attachments: [this.cards.card(view)] };
  }
}
