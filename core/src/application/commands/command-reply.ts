import type { FormView, View } from '../views/view';

/** What an adapter shows for one inbound command, button or form. */
export interface CommandReply {
  /** `ephemeral`: only the requester sees it (where the platform can); `in_channel`: the whole room. */
  readonly visibility: 'ephemeral' | 'in_channel';
  readonly view?: View;
  /** Open this form for the requester (Slack modal, Teams task module, console prompts). */
  readonly form?: FormView;
  /** A document to attach or print whole (the postmortem in Markdown). */
  readonly document?: { readonly filename: string; readonly title: string; readonly markdown: string };
  /** For buttons: the message the button was on should be replaced by `view`. */
  readonly replaceOriginal?: boolean;
  /**
   * For a change made from the incident card (its buttons, or the forms they open): the card as it is
   * now. A platform that answers the press itself (Teams' Action.Execute) shows it to the presser at
   * once; everyone's copy is redrawn by the outbox, as for a change made anywhere else.
   */
  readonly refreshedCard?: View;
}

/** Values a form came back with, keyed by input id. People are platform user ids. */
export type FormValues = Readonly<Record<string, string | readonly string[] | boolean | undefined>>;

export type FormReply =
  | { readonly kind: 'errors'; readonly errors: Readonly<Record<string, string>> }
  | { readonly kind: 'done'; readonly reply: CommandReply };

export const ephemeral = (view: View): CommandReply => ({ visibility: 'ephemeral', view });
export const inChannel = (view: View): CommandReply => ({ visibility: 'in_channel', view });
