/**
 * Reading and pressing the Adaptive Cards Muster posts, as a Teams client does: what a card shows,
 * the Action.Execute data of one of its buttons (found by core's action id, wherever the card put it:
 * an action set, or the real button inside a confirmation's ShowCard), and a form's submit data with
 * what the user typed merged in (the Playground kit's renderer logic).
 */
import type { FakeTeamsMessage } from '../../fakes/teams/fake-teams-tenant';
import { buttonsOf, submittedData } from '../../kits/agents-playground-cards';

type Json = Record<string, unknown>;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card of a message (as the fake tenant holds it) or of an activity, if it has one. */
export function cardOf(message: FakeTeamsMessage | Json | undefined): Json | undefined {
  const activity = (message && 'activity' in message && typeof message.activity === 'object' ? message.activity : message) as Json | undefined;
  const attachments = (activity?.attachments ?? []) as { contentType?: string; content?: Json }[];
  return attachments.find((a) => a.contentType === ADAPTIVE)?.content;
}

/** Every text a person can read on a card (hidden blocks left out), one per line. */
export function cardText(card: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (n.isVisible === false) return;
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') lines.push(n.text);
    for (const [key, value] of Object.entries(n)) if (key !== 'data' && typeof value === 'object') walk(value);
  };
  walk(card);
  return lines.join('\n');
}

/** What a message shows: its text and its card's. */
export function shown(message: FakeTeamsMessage | undefined): string {
  if (!message) return '';
  // A card reply carries its words as the summary (the notification and chat-list preview), not as text.
  const words = (key: 'text' | 'summary') => (typeof message.activity[key] === 'string' ? message.activity[key] as string : '');
  return [words('text'), words('summary'), cardText(cardOf(message))].filter(Boolean).join('\n');
}

/** The data Teams sends when the button with core's `actionId` is pressed. */
export function actionData(card: unknown, actionId: string): unknown {
  const button = buttonsOf(card).find((b) => b.type === 'Action.Execute' && (b.data as Json | undefined)?.actionId === actionId);
  if (!button) {
    const offered = buttonsOf(card).map((b) => String((b.data as Json | undefined)?.actionId ?? b.verb)).join(', ');
    throw new Error(`The card has no "${actionId}" button; it has ${offered || 'none'}.`);
  }
  return button.data;
}

/** The data Teams sends when a form card is submitted with these inputs typed. */
export function formData(card: unknown, typed: Readonly<Record<string, string>>): unknown {
  const submit = buttonsOf(card).find((b) => b.type === 'Action.Execute' && b.verb === 'muster.form');
  if (!submit) throw new Error(`The card is no Muster form: ${JSON.stringify(card).slice(0, 300)}`);
  return submittedData(card, submit, typed);
}
