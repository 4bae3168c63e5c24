import type { FormValues, FormView, View } from '@muster/core';
import { cardAttachment, parseCardSubmission, renderCard, renderFormCard, type CardSubmission } from '../cards';
import type { CardAttachment } from './teams-turn';

export type { CardSubmission };

/**
 * Views as Adaptive Cards, and card submissions back as core's shapes. The transport only needs these
 * three; `adaptiveCardKit` is the one the server uses, and specs may bring another.
 */
export interface TeamsCardKit {
  card(view: View): CardAttachment;
  /** A form card; `values` (what was submitted) replace the initial ones, `errors` by input id are shown beside their inputs. */
  form(form: FormView, options?: { readonly values?: FormValues; readonly errors?: Readonly<Record<string, string>> }): CardAttachment;
  /**
   * An invoke's value (`{ action: { verb, data } }`) or an Action.Submit's data, as core's shapes;
   * undefined when it is not one of Muster's own (a forged or foreign card).
   */
  parseSubmission(value: unknown): CardSubmission | undefined;
}

/** Core's views as Adaptive Cards 1.5 (src/cards), and Muster's own card data parsed back. */
export const adaptiveCardKit: TeamsCardKit = {
  card: (view) => cardAttachment(renderCard(view)),
  form: (form, options) => cardAttachment(renderFormCard(form, options)),
  parseSubmission: (value) => parseCardSubmission(value),
};
