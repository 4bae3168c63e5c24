import type { Button as MusterButton } from '@muster/core';
import type { ActionsBlock, Button, ConfirmationDialog } from '@slack/web-api';
import {
  BUTTONS_PER_ROW,
  MAX_ACTION_ID,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_VALUE,
  MAX_CONFIRM_BUTTON,
  MAX_CONFIRM_TEXT,
  MAX_CONFIRM_TITLE,
  MAX_ELEMENTS_PER_ACTIONS,
} from './slack-limits';
import { truncatePlain } from '@muster/core';

/**
 * Slack wants every action_id in a message to be unique, but core may show the same action twice
 * (an "Acknowledge" on two incidents in one digest). The second and later ones get `::2`, `::3`…;
 * {@link actionIdOf} strips the suffix again when the click comes back.
 */
const DUPLICATE_SUFFIX = '::';

export function actionIdOf(slackActionId: string): string {
  const at = slackActionId.lastIndexOf(DUPLICATE_SUFFIX);
  return at > 0 && /^\d+$/.test(slackActionId.slice(at + DUPLICATE_SUFFIX.length)) ? slackActionId.slice(0, at) : slackActionId;
}

/** Hands out action ids unique within one message or modal. */
export class ActionIdAllocator {
  private readonly seen = new Map<string, number>();

  allocate(actionId: string): string {
    const count = (this.seen.get(actionId) ?? 0) + 1;
    this.seen.set(actionId, count);
    return count === 1 ? actionId : `${actionId}${DUPLICATE_SUFFIX}${count}`;
  }
}

function confirmationFor(button: MusterButton): ConfirmationDialog | undefined {
  if (!button.confirm) return undefined;
  return {
    title: { type: 'plain_text', text: truncatePlain(`${button.label}?`, MAX_CONFIRM_TITLE), emoji: true },
    text: { type: 'plain_text', text: truncatePlain(button.confirm, MAX_CONFIRM_TEXT), emoji: true },
    confirm: { type: 'plain_text', text: truncatePlain(button.label, MAX_CONFIRM_BUTTON), emoji: true },
    deny: { type: 'plain_text', text: 'Cancel', emoji: true },
    ...(button.style === 'danger' ? { style: 'danger' as const } : {}),
  };
}

function buttonElement(button: MusterButton, ids: ActionIdAllocator): Button {
  const label = button.label.trim() === '' ? button.actionId : button.label;
  const confirm = confirmationFor(button);
  return {
    type: 'button',
    action_id: ids.allocate(button.actionId),
    text: { type: 'plain_text', text: truncatePlain(label, MAX_BUTTON_TEXT), emoji: true },
    ...(button.value !== '' ? { value: button.value } : {}),
    ...(button.style ? { style: button.style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

export interface RenderedActions {
  readonly blocks: ActionsBlock[];
  /** Buttons left out because their payload or id would not fit Slack's limits. */
  readonly omitted: number;
}

/**
 * Buttons as actions blocks of at most {@link BUTTONS_PER_ROW}. A button whose value or action id is
 * too long is left out rather than cut: a truncated payload would do the wrong thing when clicked.
 */
export function renderActions(buttons: readonly MusterButton[], ids: ActionIdAllocator): RenderedActions {
  const usable = buttons.filter((b) => b.value.length <= MAX_BUTTON_VALUE && b.actionId.length > 0 && b.actionId.length <= MAX_ACTION_ID - 8);
  const perRow = Math.min(BUTTONS_PER_ROW, MAX_ELEMENTS_PER_ACTIONS);
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < usable.length; i += perRow) {
    blocks.push({ type: 'actions', elements: usable.slice(i, i + perRow).map((b) => buttonElement(b, ids)) });
  }
  return { blocks, omitted: buttons.length - usable.length };
}
