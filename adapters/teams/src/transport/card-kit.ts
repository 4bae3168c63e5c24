import type { FormValues, FormView, View } from '@muster/core';
import type { CardAttachment } from './teams-turn';

/** What a pressed card button or a submitted card form carried back (the agreed card action data). */
export type CardSubmission =
  | { readonly kind: 'action'; readonly actionId: string; readonly value: string }
  | { readonly kind: 'form'; readonly formId: string; readonly metadata: string; readonly values: FormValues };

/**
 * Views as Adaptive Cards, and card submissions back as core's shapes. The transport only needs these
 * three. The cards renderer fits it as `{ card: (v) => cardAttachment(renderCard(v)), form: (f, o) =>
 * cardAttachment(renderFormCard(f, o)), parseSubmission: parseCardSubmission }`.
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
