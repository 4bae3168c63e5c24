import type { Button } from '@muster/core';
import { BUTTONS_PER_ROW, MAX_ACTION_ID_CHARS, MAX_BUTTON_TITLE_CHARS, MAX_BUTTON_VALUE_CHARS, MAX_CONFIRM_CHARS } from './card-limits';
import type { ActionSet, CardAction, CardData, ExecuteAction, SubmitAction } from './card-types';
import { ACTION_VERB, ID_PATTERN, type ActionData } from './card-data';
import { escapeMarkdown, plainField } from './teams-markdown';
import { truncatePlain } from '@muster/core';

const STYLE = { primary: 'positive', danger: 'destructive' } as const;

/**
 * Action.Execute (Universal Actions: Teams invokes the bot and shows the card it answers with), and the
 * same data as an Action.Submit fallback for clients without Universal Actions.
 */
export function executeAction(title: string, verb: string, data: CardData, options: { style?: ExecuteAction['style']; associatedInputs: 'auto' | 'none' }): ExecuteAction {
  const shown = plainField(truncatePlain(title.trim() === '' ? 'Submit' : title, MAX_BUTTON_TITLE_CHARS));
  const style = options.style ? { style: options.style } : {};
  const fallback: SubmitAction = { type: 'Action.Submit', title: shown, data, ...style, associatedInputs: options.associatedInputs };
  return { type: 'Action.Execute', title: shown, verb, data, ...style, associatedInputs: options.associatedInputs, fallback };
}

/**
 * One button. Buttons send no input values (`associatedInputs: none`), so a button on a card with a
 * form never carries someone's half-typed answers. Adaptive Cards have no confirmation dialog, so a
 * button that asks first is a ShowCard: pressing it unfolds the question with the real button under it.
 */
function buttonAction(button: Button): CardAction {
  const data: ActionData = { muster: 'action', actionId: button.actionId, value: button.value };
  const label = button.label.trim() === '' ? button.actionId : button.label;
  const style = button.style ? STYLE[button.style] : undefined;
  const execute = executeAction(label, ACTION_VERB, data, { style, associatedInputs: 'none' });
  if (!button.confirm) return execute;
  return {
    type: 'Action.ShowCard',
    title: execute.title,
    ...(style ? { style } : {}),
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: escapeMarkdown(truncatePlain(button.confirm, MAX_CONFIRM_CHARS)), wrap: true, weight: 'Bolder' }],
      actions: [execute],
    },
  };
}

/** A truncated payload would do the wrong thing when pressed, so a button that does not fit is left out. */
const usable = (b: Button): boolean => ID_PATTERN.test(b.actionId) && b.actionId.length <= MAX_ACTION_ID_CHARS && b.value.length <= MAX_BUTTON_VALUE_CHARS;

export interface RenderedButtons {
  readonly sets: ActionSet[];
  /** Buttons left out because their id or payload could not travel. */
  readonly omitted: number;
}

/** Buttons as action sets of at most {@link BUTTONS_PER_ROW}, in core's order. */
export function renderButtons(buttons: readonly Button[]): RenderedButtons {
  const kept = buttons.filter(usable);
  const sets: ActionSet[] = [];
  for (let i = 0; i < kept.length; i += BUTTONS_PER_ROW) {
    sets.push({ type: 'ActionSet', actions: kept.slice(i, i + BUTTONS_PER_ROW).map(buttonAction) });
  }
  return { sets, omitted: buttons.length - kept.length };
}
