import { deliveryDigest } from './delivery-digest';
import { wellFormed } from './text';

/** What Muster stores as a group key or delivery id from a plugin (the host allows more; the kit holds plugins to this). */
const KEY_MAX = 200;

/**
 * A group key or delivery id built from the source's own values: the parts joined with `|` when that
 * is short and plain (printable ASCII, no edge spaces, no `|` inside a part), otherwise `sha256:` and
 * a digest of the same parts, so two different alerts never collapse into one key by being cut, and
 * no key carries what a log line should not.
 */
export function stableKey(parts: readonly string[]): string {
  const joined = parts.join('|');
  // A part holding the separator would make ['a|b', 'c'] and ['a', 'b|c'] one key: those are digested too.
  if (!parts.some((part) => part.includes('|')) && isStorableKey(joined) && !/[^\x20-\x7e]/.test(joined)) return joined;
  return `sha256:${deliveryDigest(...parts)}`;
}

/**
 * A key the source made itself (Alertmanager's `groupKey`, Datadog's `$AGGREG_KEY`), kept as it is
 * (any language) when it can be stored and compared as it is: at most 200 characters, no edge
 * spaces, no lone surrogates. Otherwise `sha256:` and its digest, so two keys never merge by being
 * cut or cleaned (a database may ignore trailing spaces; the host replaces lone surrogates).
 */
export function sourceKey(key: string): string {
  return isStorableKey(key) ? key : `sha256:${deliveryDigest('groupKey', key)}`;
}

function isStorableKey(key: string): boolean {
  return key.length > 0 && key.length <= KEY_MAX && key === key.trim() && wellFormed(key) === key;
}
