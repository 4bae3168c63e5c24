/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path (`services[0]`, `person.name`) of the first key or string in parsed JSON that holds a lone
 * UTF-16 surrogate, or undefined. JSON allows `"\ud800"`, but UTF-8 cannot encode it: MariaDB refuses
 * it (a 500) and SQLite silently stores U+FFFD, so the API refuses it up front on every store.
 */
export function findIllFormedString(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || '(body)' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findIllFormedString(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // A bad key cannot be named faithfully; name where it sits instead.
      if (LONE_SURROGATE.test(key)) return `${path || '(body)'} (a field name)`;
      const found = findIllFormedString(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
