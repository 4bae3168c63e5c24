/**
 * A short, stable name for a long text inside an idempotency key (keys stop at 512 characters, and a
 * workflow run's key is nested in its steps', posts' and drafts' keys). Two FNV-1a hashes with
 * different seeds: not for secrets, only so a 500-character alert delivery key becomes 16 characters
 * that are the same on every delivery and attempt.
 */
export function shortHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
