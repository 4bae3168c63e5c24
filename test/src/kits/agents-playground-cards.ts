/**
 * Pressing a button on an Adaptive Card the way the Playground's client (the adaptivecards renderer)
 * does: find the action, merge the card's input values into its data, and build the request body.
 */

/** Which button: by its title (what a user sees) or its verb; `inputs` are what the user typed. */
export interface ButtonChoice {
  readonly title?: string;
  readonly verb?: string;
  /** Input id → value; inputs not named keep the card's initial value. */
  readonly inputs?: Readonly<Record<string, string>>;
}

export interface CardButton {
  readonly type: 'Action.Execute' | 'Action.Submit';
  readonly title?: string;
  readonly verb?: string;
  readonly data: unknown;
  readonly associatedInputs?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every Action.Execute and Action.Submit anywhere in the card (actions, action sets, columns, show-cards).
 * An element's `fallback` is left out: a client shows it only where the element itself is unsupported,
 * and the Playground, like Teams, supports Action.Execute, so an Action.Submit fallback is never a button.
 */
export function buttonsOf(card: unknown): CardButton[] {
  const found: CardButton[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (node.type === 'Action.Execute' || node.type === 'Action.Submit') found.push(node as unknown as CardButton);
    for (const [key, value] of Object.entries(node)) if (key !== 'fallback' && typeof value === 'object') walk(value);
  };
  walk(card);
  return found;
}

/** Every input (`Input.*` with an id) in the card, with its initial value. */
function inputsOf(card: unknown): Map<string, string | undefined> {
  const inputs = new Map<string, string | undefined>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') {
      inputs.set(node.id, node.value === undefined ? undefined : String(node.value));
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return inputs;
}

export function chooseButton(card: unknown, choice: ButtonChoice): CardButton {
  const buttons = buttonsOf(card);
  const matches = buttons.filter((b) => (choice.title === undefined || b.title === choice.title) && (choice.verb === undefined || b.verb === choice.verb));
  const named = [choice.title && `titled "${choice.title}"`, choice.verb && `with verb "${choice.verb}"`].filter(Boolean).join(' ') || 'at all';
  const offered = buttons.map((b) => `"${b.title ?? '(untitled)'}" (${b.type}${b.verb ? ` ${b.verb}` : ''})`).join(', ') || 'none';
  if (matches.length === 0) throw new Error(`The card has no button ${named}; its buttons: ${offered}.`);
  if (matches.length > 1) throw new Error(`The card has ${matches.length} buttons ${named}; name it more precisely. Its buttons: ${offered}.`);
  return matches[0]!;
}

/**
 * The data the renderer sends: the button's own data with every set input merged in by id (unless the
 * button says `associatedInputs: none`). A string `data` is sent as it is, as the renderer does.
 */
export function submittedData(card: unknown, button: CardButton, typed: Readonly<Record<string, string>> = {}): unknown {
  const known = inputsOf(card);
  const unknown = Object.keys(typed).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`The card has no input ${unknown.map((id) => `"${id}"`).join(', ')}; its inputs: ${[...known.keys()].join(', ') || 'none'}.`);
  if (button.associatedInputs?.toLowerCase() === 'none' || (button.data !== undefined && !isObject(button.data))) return button.data;
  const values: Json = {};
  for (const [id, initial] of known) {
    const value = typed[id] ?? initial;
    if (value !== undefined && value !== '') values[id] = value;
  }
  return { ...(isObject(button.data) ? button.data : {}), ...values };
}
