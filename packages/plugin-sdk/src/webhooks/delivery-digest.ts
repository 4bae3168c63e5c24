import { createHash } from 'node:crypto';

export type DigestPart = string | number | boolean | null | undefined | readonly DigestPart[];

/**
 * A stable delivery id for sources that send none: the sha256 (hex) of what identifies one
 * notification (Alertmanager: `groupKey`, status, the alerts' fingerprints). The parts are encoded
 * unambiguously (`('a', 'bc')` and `('ab', 'c')` differ); sort lists whose order the source does not fix.
 */
export function deliveryDigest(...parts: readonly DigestPart[]): string {
  return createHash('sha256').update(JSON.stringify(parts.map(normalise))).digest('hex');
}

// `undefined` becomes `null` (JSON would drop it or turn it into null depending on where it sits).
const normalise = (part: DigestPart): unknown => (Array.isArray(part) ? part.map(normalise) : part ?? null);
