/**
 * Slack's documented Block Kit and Web API limits, in one place. The renderer respects each one by
 * truncating with a visible marker, never by letting Slack reject the call: a rejected post during an
 * incident is a message nobody sees.
 */

/** Blocks in one message (`chat.postMessage`, `chat.update`). */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Blocks in one modal view. */
export const MAX_BLOCKS_PER_MODAL = 100;
/** Characters in a section's text (and any mrkdwn text object). */
export const MAX_SECTION_TEXT = 3000;
/** Characters in a header block's plain text. */
export const MAX_HEADER_TEXT = 150;
/** Fields in one section block. */
export const MAX_FIELDS_PER_SECTION = 10;
/** Characters in one section field. */
export const MAX_FIELD_TEXT = 2000;
/** Elements in one context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** Elements in one actions block (Slack's hard limit). */
export const MAX_ELEMENTS_PER_ACTIONS = 25;
/** Buttons we put in one row: more than this wraps badly on phones, so longer lists get further rows. */
export const BUTTONS_PER_ROW = 5;
/** Characters in a button's label. */
export const MAX_BUTTON_TEXT = 75;
/** Characters in a button's value (the opaque payload handed back on click). */
export const MAX_BUTTON_VALUE = 2000;
/** Characters in an action_id or block_id. */
export const MAX_ACTION_ID = 255;
/** Confirmation dialog: title, text and button label lengths. */
export const MAX_CONFIRM_TITLE = 100;
export const MAX_CONFIRM_TEXT = 300;
export const MAX_CONFIRM_BUTTON = 30;
/** Characters in a modal's title, and in its submit and close labels. */
export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
/** Characters in a modal's private_metadata and callback_id. */
export const MAX_PRIVATE_METADATA = 3000;
export const MAX_CALLBACK_ID = 255;
/** Input blocks: label and hint lengths, placeholder length, plain text input's max_length ceiling. */
export const MAX_INPUT_LABEL = 2000;
export const MAX_INPUT_HINT = 2000;
export const MAX_PLACEHOLDER = 150;
export const MAX_TEXT_INPUT_LENGTH = 3000;
/** Select menus: options per menu, option label and value lengths. */
export const MAX_SELECT_OPTIONS = 100;
export const MAX_OPTION_TEXT = 75;
export const MAX_OPTION_VALUE = 150;
/** Characters in the message's top-level `text` (the notification fallback). */
export const MAX_FALLBACK_TEXT = 40000;
/** Characters in a channel name, and in a channel topic. */
export const MAX_CHANNEL_NAME = 80;
export const MAX_CHANNEL_TOPIC = 250;
/** User ids per `conversations.invite` call. */
export const MAX_USERS_PER_INVITE = 1000;

/** The visible marker put where text was cut. */
export { TRUNCATION_MARKER } from '@muster/core';
