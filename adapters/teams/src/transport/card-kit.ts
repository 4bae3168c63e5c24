import type { FormValues, FormView, View } from '@muster/core';
import type { CardAttachment } from './teams-turn';

/** What a pressed card button or a submitted card form carried back (the agreed card action data). */
export type CardSubmission =
  | { readonly kind: 'action'; readonly actionId: string; readonly value: string }
  | { readonly kind: 'form'; readonly formId: string; readonly metadata?: string; readonly values: FormValues };

/**
 * Views as Adaptive Cards, and card submissions back as core's shapes. The transport only needs these
 * three; the renderer in `adapters/teams/src/cards` is the full implementation of this seam.
 */
export interface TeamsCardKit {
  card(view: View): CardAttachment;
  /** A form card; `errors` by input id are shown beside their inputs. */
  form(form: FormView, errors?: Readonly<Record<string, string>>): CardAttachment;
  /** Undefined when the data is not one of Muster's own (a forged or foreign card). */
  parseSubmission(data: unknown): CardSubmission | undefined;
}
