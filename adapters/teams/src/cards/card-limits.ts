/**
 * Teams' limits for Adaptive Cards, in one place. The renderer respects each one by cutting with a
 * visible marker, never by letting Teams reject the post: a rejected card during an incident is a
 * message nobody sees.
 */

/** Teams refuses a message activity whose JSON is over about 28 KB, card included. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28_000;
/**
 * What a rendered card may weigh (UTF-8 bytes of its JSON). The rest of the 28 KB is left to the
 * activity around it: from, recipient, conversation, serviceUrl, channelData and the summary text.
 */
export const MAX_CARD_BYTES = 24_000;
/** Below this no card can say anything useful; a caller asking for less is a bug. */
export const MIN_CARD_BYTES = 1_500;

/** Characters (after escaping) in one TextBlock: long enough for a 3,000-character update full of markup. */
export const MAX_TEXT_CHARS = 10_000;
export const MAX_HEADER_CHARS = 300;
export const MAX_FIELD_LABEL_CHARS = 200;
export const MAX_FIELD_VALUE_CHARS = 2_000;
export const MAX_LIST_ITEM_CHARS = 2_000;
/** List items shown before "… N more items not shown". */
export const MAX_LIST_ITEMS = 50;
/** The card's `fallbackText`, shown by clients that cannot render it. */
export const MAX_FALLBACK_CHARS = 500;

/** Buttons per row: Teams shows at most five or six actions in a set before it overflows. */
export const BUTTONS_PER_ROW = 5;
export const MAX_BUTTON_TITLE_CHARS = 60;
/** A button's payload and action id travel back verbatim; longer ones are left out, never cut. */
export const MAX_BUTTON_VALUE_CHARS = 2_000;
export const MAX_ACTION_ID_CHARS = 100;
/** The question a button asks before it acts. */
export const MAX_CONFIRM_CHARS = 500;

/** Form inputs. */
export const MAX_INPUT_LABEL_CHARS = 200;
export const MAX_PLACEHOLDER_CHARS = 150;
export const MAX_TEXT_INPUT_LENGTH = 10_000;
export const MAX_CHOICES = 100;
export const MAX_CHOICE_TITLE_CHARS = 200;
export const MAX_CHOICE_VALUE_CHARS = 200;
export const MAX_INPUTS = 50;
/** A form's private metadata travels in the submit data; cutting it would route the answer wrongly. */
export const MAX_METADATA_CHARS = 2_000;
/** A submission bigger than this (JSON) is refused unread. */
export const MAX_SUBMISSION_BYTES = 64_000;

/** The visible marker put where text was cut. */
export { TRUNCATION_MARKER } from '@muster/core';

/** The size Teams measures: UTF-8 bytes of the JSON. */
export function cardSize(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
