import { createHash } from 'node:crypto';
import type { View } from '@muster/core';
import type { OutgoingActivity } from '../connector/activity';
import type { GraphMessage } from '../graph/graph-types';

/** The cards helper's renderer (`renderCard` in src/cards): a core view as an Adaptive Card 1.5. */
export type CardRenderer = (view: View) => object;

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams shows the summary in notifications and the activity feed. */
const MAX_SUMMARY = 250;
const MARKER_ID = 'muster-post';

/**
 * A post's key as a marker Teams keeps with the message: a hidden TextBlock in the card. A hash,
 * so internal ids never show in the card's JSON; a post whose answer was lost can be recognised
 * when its conversation is read back through Graph.
 */
export const postMarker = (idempotencyKey: string): string => `muster:${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;

/**
 * The words of a card message, as its `summary` (what Teams shows in notifications and the activity
 * feed), never as its `text`: Teams splits a message with text and a card into two messages, and
 * refuses to update one ("Activity resulted into multiple skype activities").
 */
export const cardSummary = (text: string): string => [...text.replace(/\s+/g, ' ').trim()].slice(0, MAX_SUMMARY).join('');

export function cardActivity(render: CardRenderer, view: View, marker?: string): OutgoingActivity {
  const card = render(view) as { body?: unknown };
  const body = Array.isArray(card.body) ? card.body : [];
  const content = marker ? { ...card, body: [...body, { type: 'TextBlock', id: MARKER_ID, text: marker, isVisible: false }] } : card;
  const summary = cardSummary(view.fallback);
  return { type: 'message', ...(summary ? { summary } : {}), attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content }] };
}

/** Whether a message read back through Graph carries this marker (Graph returns card content as a JSON string). */
export function carriesMarker(message: GraphMessage, marker: string): boolean {
  return (message.attachments ?? []).some((a) => typeof a.content === 'string' && a.content.includes(marker));
}
