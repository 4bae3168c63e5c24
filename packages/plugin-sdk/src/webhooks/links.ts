// Muster keeps links up to 2000 characters, measured after normalising (which can lengthen them).
const URL_MAX = 2000;

/**
 * A link back to the source, only when it is plain http(s) without credentials: never `javascript:`,
 * `data:` or `file:`, and never a user or password a card would show to everyone in the room.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > URL_MAX) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  return url.href.length <= URL_MAX ? url.href : undefined;
}
