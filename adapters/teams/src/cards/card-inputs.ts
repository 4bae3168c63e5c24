import { MusterError, type Block, type FormValues, type InputElement, type SelectOption } from '@muster/core';
import {
  MAX_CHOICE_TITLE_CHARS, MAX_CHOICE_VALUE_CHARS, MAX_CHOICES, MAX_INPUT_LABEL_CHARS, MAX_PLACEHOLDER_CHARS, MAX_TEXT_INPUT_LENGTH,
} from './card-limits';
import type { CardInput, Choice, ChoiceSetInput } from './card-types';
import { ID_PATTERN, RESERVED_INPUT_IDS, TOGGLE_OFF, TOGGLE_ON } from './card-data';
import { isTeamsMentionable } from './mentions';
import { plainField } from './teams-markdown';
import { truncatePlain } from '@muster/core';

export type InputBlock = Extract<Block, { type: 'input' }>;

/** Said under a list input: Teams has no list input, so people type one entry per line or comma. */
export const LIST_HINT = 'One per line, or separated by commas.';
const MAX_INPUT_ID_CHARS = 64;

const placeholderOf = (text: string | undefined) => (text ? { placeholder: plainField(truncatePlain(text, MAX_PLACEHOLDER_CHARS)) } : {});

function choiceOf(option: SelectOption): Choice {
  return { title: plainField(truncatePlain(option.label.trim() === '' ? option.value : option.label, MAX_CHOICE_TITLE_CHARS)), value: option.value };
}

/** What to show in an input: what was typed before (a form shown again with errors), else core's initial value. */
function initialText(typed: FormValues[string], initial: string | undefined): string | undefined {
  if (typeof typed === 'string') return typed;
  if (Array.isArray(typed)) return typed.join(', ');
  return initial;
}

function peoplePicker(id: string, label: string, element: Extract<InputElement, { kind: 'person' }>, typed: FormValues[string]): ChoiceSetInput {
  const initial = element.initial && isTeamsMentionable(element.initial) ? element.initial : undefined;
  // A value the picker did not search for needs a choice carrying its name, or Teams shows the bare id.
  const preset = typeof typed === 'string' && typed !== '' && typed !== initial?.id ? undefined : initial;
  return {
    type: 'Input.ChoiceSet', id, label, style: 'compact', isMultiSelect: false,
    choices: preset ? [{ title: plainField(truncatePlain(preset.name ?? preset.id, MAX_CHOICE_TITLE_CHARS)), value: preset.id }] : [],
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    ...(preset ? { value: preset.id } : {}),
    placeholder: 'Search for a person',
  };
}

function elementOf(id: string, label: string, element: InputElement, typed: FormValues[string]): CardInput | undefined {
  switch (element.kind) {
    case 'text': {
      // A secret is masked, and never carries a value: not the initial one, not what was typed before
      // (a form shown again with errors), since the card is stored in the chat and sent back on submit.
      if (element.secret) {
        return { type: 'Input.Text', id, label, style: 'password', isMultiline: false, maxLength: Math.min(element.maxLength ?? MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_LENGTH) };
      }
      const maxLength = Math.min(element.maxLength ?? MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_LENGTH);
      const value = initialText(typed, element.initial)?.slice(0, maxLength);
      // Teams checks the pattern before it sends, so a too-short title never leaves the card.
      const min = element.minLength && element.minLength > 0 ? Math.min(element.minLength, maxLength) : 0;
      return {
        type: 'Input.Text', id, label, isMultiline: element.multiline ?? false, maxLength,
        ...(value ? { value } : {}), ...placeholderOf(element.placeholder), ...(min > 0 ? { regex: `^[\\s\\S]{${min},}$` } : {}),
      };
    }
    case 'multi_text': {
      const value = initialText(typed, element.initial)?.slice(0, MAX_TEXT_INPUT_LENGTH);
      return { type: 'Input.Text', id, label, isMultiline: true, maxLength: MAX_TEXT_INPUT_LENGTH, ...(value ? { value } : {}), ...placeholderOf(element.placeholder) };
    }
    case 'select': {
      // A value is what comes back: one too long to carry is left out rather than cut.
      const choices = element.options.filter((o) => o.value !== '' && o.value.length <= MAX_CHOICE_VALUE_CHARS).slice(0, MAX_CHOICES).map(choiceOf);
      if (choices.length === 0) return undefined;
      const value = choices.find((c) => c.value === typed)?.value ?? choices.find((c) => c.value === element.initial)?.value;
      return { type: 'Input.ChoiceSet', id, label, style: 'compact', isMultiSelect: false, choices, ...(value ? { value } : {}) };
    }
    case 'checkbox': {
      const on = typeof typed === 'boolean' ? typed : (element.initial ?? false);
      return { type: 'Input.Toggle', id, label, title: plainField(truncatePlain(element.optionLabel, MAX_CHOICE_TITLE_CHARS)), value: on ? TOGGLE_ON : TOGGLE_OFF, valueOn: TOGGLE_ON, valueOff: TOGGLE_OFF };
    }
    case 'person':
      return peoplePicker(id, label, element, typed);
  }
}

/**
 * Input ids come back as keys of the submitted data, next to the envelope's own keys: an id that
 * would collide with them, or that Teams could not carry, is a bug in the form, not something to hide.
 */
export function checkInputId(id: string): void {
  if (!ID_PATTERN.test(id) || id.length > MAX_INPUT_ID_CHARS || RESERVED_INPUT_IDS.has(id)) {
    throw new MusterError('internal', `Form input id "${id.slice(0, 80)}" cannot be used on a Teams card: use 1-${MAX_INPUT_ID_CHARS} letters, digits, '.', '_', ':' or '-', and none of ${[...RESERVED_INPUT_IDS].join(', ')}.`);
  }
}

/**
 * One form input as an Adaptive Card input, keyed by the input's id. A non-optional input is required
 * (Teams will not send the form without it) with a message saying so; a toggle never is, since "off"
 * must be a valid answer. Undefined when the input cannot be shown (a select with no usable option).
 */
export function renderInput(input: InputBlock, typed: FormValues[string]): CardInput | undefined {
  checkInputId(input.id);
  const label = plainField(truncatePlain(input.label.trim() === '' ? input.id : input.label, MAX_INPUT_LABEL_CHARS));
  const element = elementOf(input.id, label, input.element, typed);
  if (!element || element.type === 'Input.Toggle' || input.optional) return element;
  const min = input.element.kind === 'text' ? input.element.minLength ?? 0 : 0;
  return { ...element, isRequired: true, errorMessage: min > 1 ? `${label}: write at least ${min} characters.` : `${label} is required.` };
}

/** The hint shown under an input (Adaptive Cards inputs have none of their own). */
export function hintOf(input: InputBlock): string | undefined {
  if (input.element.kind !== 'multi_text') return input.hint;
  return input.hint ? `${input.hint} (${LIST_HINT.toLowerCase().replace(/\.$/, '')})` : LIST_HINT;
}
