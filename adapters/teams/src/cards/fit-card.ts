import { MusterError } from '@muster/core';
import { moreNotShown, type CardPart } from './card-blocks';
import { cardSize, MIN_CARD_BYTES } from './card-limits';
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard, type CardAction } from './card-types';
import type { MentionRegistry } from './mentions';

export interface CardFrame {
  readonly fallbackText: string;
  /** The card's own actions (a form's submit button). */
  readonly actions?: readonly CardAction[];
  readonly registry: MentionRegistry;
  /** Named in the error when a form cannot fit. */
  readonly formId?: string;
}

function cardOf(parts: readonly CardPart[], frame: CardFrame): AdaptiveCard {
  const entities = frame.registry.entitiesFor(new Set(parts.flatMap((p) => p.mentions)));
  return {
    type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION,
    ...(frame.fallbackText ? { fallbackText: frame.fallbackText } : {}),
    body: parts.map((p) => p.element),
    ...(frame.actions?.length ? { actions: frame.actions } : {}),
    msteams: { width: 'Full', ...(entities.length ? { entities } : {}) },
  };
}

/** The parts kept (all pinned ones and the first `keep` others), with a line counting the rest where the first was left out. */
function withFirst(parts: readonly CardPart[], keep: number): CardPart[] {
  const kept: CardPart[] = [];
  let droppable = 0;
  let dropped = 0;
  let markerAt = -1;
  for (const p of parts) {
    if (p.pinned || droppable++ < keep) {
      kept.push(p);
      continue;
    }
    if (markerAt < 0) markerAt = kept.length;
    dropped += p.counts ?? 1;
  }
  if (dropped > 0) kept.splice(markerAt, 0, moreNotShown(dropped));
  return kept;
}

/**
 * The card from its parts, within `maxBytes`. When everything does not fit, the parts are kept in
 * order while they fit (found by bisection: the size only grows with each part kept), pinned parts
 * always, and a line says how many were left out. A form whose inputs alone do not fit cannot be
 * shown without losing a question, so that is an error; a view falls back to dropping its buttons too.
 */
export function assembleCard(parts: readonly CardPart[], frame: CardFrame, maxBytes: number): AdaptiveCard {
  if (maxBytes < MIN_CARD_BYTES) throw new MusterError('internal', `A Teams card needs at least ${MIN_CARD_BYTES} bytes; ${maxBytes} were allowed.`);
  const whole = cardOf(parts, frame);
  if (cardSize(whole) <= maxBytes) return whole;
  const fits = (keep: number) => cardSize(cardOf(withFirst(parts, keep), frame)) <= maxBytes;
  if (!fits(0)) {
    if (frame.formId) throw new MusterError('internal', `The form ${frame.formId.slice(0, 80)} is too large for a Teams card (${cardSize(whole)} bytes, at most ${maxBytes}).`);
    return cardOf([moreNotShown(parts.reduce((n, p) => n + (p.counts ?? 1), 0))], { ...frame, actions: [] });
  }
  let low = 0;
  let high = parts.filter((p) => !p.pinned).length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return cardOf(withFirst(parts, low), frame);
}
