import { CHECKBOX_CHECKED, INPUT_ACTION_IDS, type InputKind } from './input-elements';

/**
 * The part of a `view_submission` payload's `view.state` we read. Structurally the same as Bolt's
 * `ViewOutput['state']`, written out so this module needs no Bolt import.
 */
export interface ModalState {
  readonly values: Readonly<Record<string, Readonly<Record<string, ModalStateValue>>>>;
}

export interface ModalStateValue {
  readonly type: string;
  readonly value?: string | null;
  readonly selected_option?: { readonly value: string } | null;
  readonly selected_options?: readonly { readonly value: string }[];
  readonly selected_user?: string | null;
}

export type ModalValue = string | string[] | boolean | undefined;

const KIND_BY_ACTION_ID = new Map<string, InputKind>(Object.entries(INPUT_ACTION_IDS).map(([kind, id]) => [id, kind as InputKind]));

function valueOf(kind: InputKind, state: ModalStateValue): ModalValue {
  switch (kind) {
    case 'text':
      return state.value ?? undefined;
    case 'multi_text': {
      if (state.value == null) return undefined;
      return state.value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
    }
    case 'select':
      return state.selected_option?.value ?? undefined;
    case 'checkbox':
      return (state.selected_options ?? []).some((o) => o.value === CHECKBOX_CHECKED);
    case 'person':
      return state.selected_user ?? undefined;
  }
}

/**
 * The inverse of {@link renderModal}'s inputs: each answer keyed by the input's id. Text is a string,
 * a comma-separated list an array of trimmed entries, a checkbox a boolean, a person a Slack user id;
 * an unanswered optional input is undefined. Blocks we did not render are ignored.
 */
export function readModalValues(state: ModalState): Record<string, ModalValue> {
  const answers: Record<string, ModalValue> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    for (const [actionId, value] of Object.entries(actions)) {
      const kind = KIND_BY_ACTION_ID.get(actionId);
      if (kind) answers[blockId] = valueOf(kind, value);
    }
  }
  return answers;
}
