import type { Block as MusterBlock, InputElement, SelectOption } from '@muster/core';
import type { InputBlock, InputBlockElement, PlainTextOption } from '@slack/web-api';
import {
  MAX_ACTION_ID,
  MAX_INPUT_HINT,
  MAX_INPUT_LABEL,
  MAX_OPTION_TEXT,
  MAX_OPTION_VALUE,
  MAX_PLACEHOLDER,
  MAX_SELECT_OPTIONS,
  MAX_TEXT_INPUT_LENGTH,
} from './slack-limits';
import { truncatePlain } from '@muster/core';

type MusterInput = Extract<MusterBlock, { type: 'input' }>;
export type InputKind = InputElement['kind'];

/**
 * The action_id of each kind of input. Stable, so a submission can be read back without the form
 * that produced it: the action_id says how to interpret the value (a multi_text and a text are both
 * `plain_text_input` on the wire).
 */
export const INPUT_ACTION_IDS: Readonly<Record<InputKind, string>> = {
  text: 'muster.text',
  select: 'muster.select',
  multi_text: 'muster.list',
  checkbox: 'muster.checkbox',
  person: 'muster.person',
};

/** The value a ticked checkbox carries. */
export const CHECKBOX_CHECKED = 'checked';
export const LIST_HINT = 'comma-separated';

const plainText = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncatePlain(text, max), emoji: true });

function optionOf(option: SelectOption): PlainTextOption {
  return { text: plainText(option.label.trim() === '' ? option.value : option.label, MAX_OPTION_TEXT), value: option.value };
}

function elementOf(element: InputElement): InputBlockElement {
  const action_id = INPUT_ACTION_IDS[element.kind];
  switch (element.kind) {
    case 'text':
      // Slack has no masked input: a secret is never pre-filled, and the hint says what becomes of it.
      if (element.secret) {
        return { type: 'plain_text_input', action_id, multiline: false, max_length: Math.min(element.maxLength ?? MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_LENGTH) };
      }
      return {
        type: 'plain_text_input',
        action_id,
        multiline: element.multiline ?? false,
        max_length: Math.min(element.maxLength ?? MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_LENGTH),
        // Slack checks it before the modal can be submitted, so a too-short title never reaches core.
        ...(element.minLength && element.minLength > 0 ? { min_length: Math.min(element.minLength, MAX_TEXT_INPUT_LENGTH) } : {}),
        ...(element.initial ? { initial_value: element.initial.slice(0, Math.min(element.maxLength ?? MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_LENGTH)) } : {}),
        ...(element.placeholder ? { placeholder: plainText(element.placeholder, MAX_PLACEHOLDER) } : {}),
      };
    case 'multi_text':
      return {
        type: 'plain_text_input',
        action_id,
        max_length: MAX_TEXT_INPUT_LENGTH,
        ...(element.initial ? { initial_value: element.initial.slice(0, MAX_TEXT_INPUT_LENGTH) } : {}),
        ...(element.placeholder ? { placeholder: plainText(element.placeholder, MAX_PLACEHOLDER) } : {}),
      };
    case 'select': {
      // Values longer than Slack allows cannot be cut (the value is what comes back), so they are left out.
      const options = element.options.filter((o) => o.value !== '' && o.value.length <= MAX_OPTION_VALUE).slice(0, MAX_SELECT_OPTIONS).map(optionOf);
      const initial = options.find((o) => o.value === element.initial);
      return { type: 'static_select', action_id, options, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'checkbox': {
      const option: PlainTextOption = { text: plainText(element.optionLabel, MAX_OPTION_TEXT), value: CHECKBOX_CHECKED };
      return { type: 'checkboxes', action_id, options: [option], ...(element.initial ? { initial_options: [option] } : {}) };
    }
    case 'person':
      return {
        type: 'users_select',
        action_id,
        ...(element.initial?.platform === 'slack' ? { initial_user: element.initial.id } : {}),
      };
  }
}

/** Said under a secret input, since Slack shows what is typed there. */
export const SECRET_VISIBLE_HINT = 'Slack cannot hide what you type here.';

function hintOf(input: MusterInput): string | undefined {
  if (input.element.kind === 'text' && input.element.secret) return input.hint ? `${input.hint} ${SECRET_VISIBLE_HINT}` : SECRET_VISIBLE_HINT;
  if (input.element.kind !== 'multi_text') return input.hint;
  return input.hint ? `${input.hint} (${LIST_HINT})` : LIST_HINT;
}

/**
 * One form input as an input block: `block_id` is the input's id, so the submission comes back keyed
 * by what core asked for. Undefined when the input cannot be shown (an id Slack would reject, or a
 * select with no usable option, which Slack refuses).
 */
export function renderInput(input: MusterInput): InputBlock | undefined {
  if (input.id === '' || input.id.length > MAX_ACTION_ID) return undefined;
  const element = elementOf(input.element);
  if (element.type === 'static_select' && element.options?.length === 0) return undefined;
  const hint = hintOf(input);
  return {
    type: 'input',
    block_id: input.id,
    label: plainText(input.label.trim() === '' ? input.id : input.label, MAX_INPUT_LABEL),
    element,
    // A required checkbox could never be left unticked; "no" must be a valid answer.
    optional: input.element.kind === 'checkbox' ? true : (input.optional ?? false),
    ...(hint ? { hint: plainText(hint, MAX_INPUT_HINT) } : {}),
  };
}
