/** Teams channel names: at most 50 characters (Microsoft's channel naming rules). */
export const MAX_CHANNEL_NAME = 50;

/**
 * Characters Teams refuses in channel names (`~ # % & * { } + / \ : < > ? | ' " , .`), control and
 * format characters (bidi overrides, zero-width) that would make a name lie about itself, and
 * newlines.
 */
const REFUSED = /[~#%&*{}+/\\:<>?|'",.\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** A valid channel name for what was asked: refused characters become `-`, never empty, never over the limit. */
export function channelNameFrom(wanted: string): string {
  const cleaned = wanted
    .normalize('NFC')
    .replace(REFUSED, '-')
    .replace(/\s+/gu, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s_-]+|[\s-]+$/gu, '');
  return truncate(cleaned, MAX_CHANNEL_NAME) || 'incident';
}

/** `name`, `name-2`, `name-3` …: the base is shortened so the suffix always fits. */
export function channelNameWithSuffix(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${truncate(base, MAX_CHANNEL_NAME - suffix.length).replace(/[\s-]+$/u, '')}${suffix}`;
}

/** Cut to `max` code points (never half an emoji), without a dangling separator. */
function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('').replace(/[\s-]+$/u, '');
}
