import { TRUNCATION_MARKER } from './card-limits';

/**
 * Cuts plain text (before escaping) to at most `max` characters, ending in a visible `…` so a reader
 * knows something is missing. Never splits a surrogate pair, so an emoji is not turned into garbage.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - TRUNCATION_MARKER.length);
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return text.slice(0, cut).trimEnd() + TRUNCATION_MARKER;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
