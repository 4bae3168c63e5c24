/** What a cut text ends with, so a reader knows something is missing. */
export const TRUNCATION_MARKER = '…';

/**
 * Cuts plain text (before any platform's escaping) to at most `max` characters, ending in a visible
 * `…`. Never splits a surrogate pair, so an emoji is not turned into garbage. Every renderer's limits
 * (Slack's block sizes, Teams' card size) cut through this one function.
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
