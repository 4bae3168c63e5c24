import type { ActionData, FormData } from './card-data';

/** What a button or a submit carries back to the bot. */
export type CardData = ActionData | FormData;

/**
 * The subset of Adaptive Card 1.5 JSON that Muster produces, typed so the renderer cannot emit a
 * property by typo. See https://adaptivecards.io/explorer/ and Teams' card reference.
 */

export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

interface ElementBase {
  readonly separator?: boolean;
  readonly spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
}

export interface TextBlock extends ElementBase {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly style?: 'heading';
  readonly size?: 'Small' | 'Default' | 'Medium' | 'Large';
  readonly weight?: 'Bolder';
  readonly color?: 'Good' | 'Warning' | 'Attention' | 'Accent';
  readonly isSubtle?: boolean;
}

export interface Column {
  readonly type: 'Column';
  readonly width: number | 'auto' | 'stretch';
  readonly items: readonly CardElement[];
}

export interface ColumnSet extends ElementBase {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
}

export interface ActionSet extends ElementBase {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
}

export interface Choice {
  readonly title: string;
  readonly value: string;
}

interface InputBase extends ElementBase {
  readonly id: string;
  readonly label: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
}

export interface TextInput extends InputBase {
  readonly type: 'Input.Text';
  readonly isMultiline?: boolean;
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly value?: string;
  readonly regex?: string;
  /** `password` masks what is typed (Adaptive Cards 1.5). */
  readonly style?: 'text' | 'password';
}

export interface ChoiceSetInput extends InputBase {
  readonly type: 'Input.ChoiceSet';
  readonly style: 'compact';
  readonly isMultiSelect: false;
  readonly choices: readonly Choice[];
  readonly value?: string;
  readonly placeholder?: string;
  /** Teams' people picker: choices searched in the organisation's directory as the user types. */
  readonly 'choices.data'?: { readonly type: 'Data.Query'; readonly dataset: 'graph.microsoft.com/users' };
}

export interface ToggleInput extends InputBase {
  readonly type: 'Input.Toggle';
  readonly title: string;
  readonly value: 'true' | 'false';
  readonly valueOn: 'true';
  readonly valueOff: 'false';
}

export type CardInput = TextInput | ChoiceSetInput | ToggleInput;
export type CardElement = TextBlock | ColumnSet | ActionSet | CardInput;

type ActionStyle = 'positive' | 'destructive';

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: CardData;
  readonly style?: ActionStyle;
  readonly associatedInputs?: 'auto' | 'none';
}

/** Universal Actions: Teams sends an `adaptiveCard/action` invoke and shows the card the bot answers with. */
export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: string;
  readonly data: CardData;
  readonly style?: ActionStyle;
  readonly associatedInputs?: 'auto' | 'none';
  /** Clients without Universal Actions send the same data as a message with `value`. */
  readonly fallback: SubmitAction;
}

export interface ShowCardAction {
  readonly type: 'Action.ShowCard';
  readonly title: string;
  readonly style?: ActionStyle;
  readonly card: { readonly type: 'AdaptiveCard'; readonly body: readonly CardElement[]; readonly actions: readonly CardAction[] };
}

export type CardAction = ExecuteAction | ShowCardAction;

/** A mention Teams turns into a pill and a notification: its `text` appears verbatim in some TextBlock. */
export interface MentionEntity {
  readonly type: 'mention';
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof CARD_SCHEMA;
  readonly version: typeof CARD_VERSION;
  readonly fallbackText?: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  readonly msteams?: { readonly width?: 'Full'; readonly entities?: readonly MentionEntity[] };
}

/** A card as an activity attachment. */
export function cardAttachment(card: AdaptiveCard): { contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}
