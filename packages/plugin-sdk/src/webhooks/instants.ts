/**
 * An ISO 8601 instant (UTC, as `Date.toISOString` writes it) from a source's timestamp: a date
 * string, or milliseconds since the epoch. Undefined when it is not a real date.
 */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
