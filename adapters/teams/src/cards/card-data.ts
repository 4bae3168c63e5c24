import type { InputElement } from '@muster/core';

/**
 * What travels in a card's action data and comes back when it is pressed (agreed with the transport,
 * see teams-shared brief): buttons `{ muster: 'action', actionId, value }` with verb `muster.action`,
 * forms `{ muster: 'form', formId, metadata, inputs }` with verb `muster.form`, Teams merging the input
 * values into the same object keyed by input id.
 *
 * `inputs` names each input's kind. Teams sends every value as a string (a toggle as "true"/"false", a
 * list as typed), and the bot that reads the submission may have restarted since it sent the card, so
 * the card itself says how to read its values back. A forged kind only changes how a value is typed;
 * core checks every value anyway.
 */
export const ACTION_VERB = 'muster.action';
export const FORM_VERB = 'muster.form';

export type InputKind = InputElement['kind'];
export const INPUT_KINDS: readonly InputKind[] = ['text', 'select', 'multi_text', 'checkbox', 'person'];

export interface ActionData {
  readonly muster: 'action';
  readonly actionId: string;
  readonly value: string;
}

export interface FormData {
  readonly muster: 'form';
  readonly formId: string;
  readonly metadata: string;
  readonly inputs: Readonly<Record<string, InputKind>>;
}

/** Keys of the envelope (and names JavaScript objects treat specially): no input may use them as its id. */
export const RESERVED_INPUT_IDS: ReadonlySet<string> = new Set(['muster', 'actionId', 'value', 'formId', 'metadata', 'inputs', 'msteams', '__proto__', 'constructor', 'prototype']);
/** Ids of actions, forms and inputs: what core uses (`incident.ack`, `action_item.done`, `title`). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** The value a toggle sends when on, and when off. */
export const TOGGLE_ON = 'true';
export const TOGGLE_OFF = 'false';
