import { isIPv4, isIPv6 } from 'node:net';
import { CREDENTIAL_PATTERNS, type CredentialKind } from '@muster/core';
import { looksLikeCredentialValue, looksRandom } from './secret-heuristics';

/**
 * One kind of sensitive text. `pattern` finds candidates; `accept` (optional) rejects candidates that
 * only look alike (an IP-shaped version string), so the regular expressions can stay readable.
 */
export interface RedactionPattern {
  readonly name: string;
  /** A string is compiled with the `g` flag (and `i` when `ignoreCase`); a RegExp gets `g` added. */
  readonly pattern: RegExp | string;
  /** `[secret]`, `[email]`...: typed, so a reader of the summary still knows what stood there. */
  readonly placeholder: string;
  readonly ignoreCase?: boolean;
  /** Builds the replacement from the match and its groups, e.g. to keep `password=` and drop the value. */
  readonly replace?: (match: string, groups: readonly (string | undefined)[]) => string;
  readonly accept?: (match: string) => boolean;
}

export const PLACEHOLDER = {
  secret: '[secret]',
  email: '[email]',
  phone: '[phone]',
  ip: '[ip]',
  host: '[host]',
  link: '[link]',
  person: '[person]',
} as const;

const keepPrefix = (placeholder: string) => (_: string, groups: readonly (string | undefined)[]) => `${groups[0] ?? ''}${placeholder}`;

/** A credential as core defines it (the one definition the logs and adapters use too), called a secret here. */
const credential = (kind: CredentialKind): RedactionPattern => ({
  name: kind,
  pattern: CREDENTIAL_PATTERNS[kind],
  placeholder: PLACEHOLDER.secret,
  replace: keepPrefix(PLACEHOLDER.secret),
});

/** Words that make the value after `=` or `:` a credential. */
const CREDENTIAL_KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|account[_-]?key|private[_-]?key|sharedaccesssignature|client[_-]?secret|credentials?|session[_-]?id|cookie)`;

/** Credential words in prose; "key" alone is weak ("the key metric") and needs key-like material after it. */
const CONTEXT_WORD = String.raw`(?:[A-Za-z0-9]+[_.-])*(?:password|passwd|pwd|passphrase|secret|token|api[ _-]?key|apikey|access[ _-]?key|private[ _-]?key|credentials?|key)(?:s|[_-][A-Za-z0-9_-]*)?`;
const STRONG_CONTEXT = /password|passwd|pwd|passphrase|secret|token|api[ _-]?key|apikey|access[ _-]?key|private[ _-]?key|credential/i;

/**
 * The built-in patterns, most specific first: a Slack token inside a URL must be called a secret
 * before the URL rules see it, and IPv6 goes before IPv4 so `::ffff:10.0.0.1` is replaced whole.
 */
export const SECRET_PATTERNS: readonly RedactionPattern[] = [
  credential('private_key'),
  credential('url_credentials'),
  { name: 'slack_webhook', pattern: /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/, placeholder: PLACEHOLDER.secret, replace: keepPrefix(PLACEHOLDER.secret) },
  credential('jwt'),
  credential('slack_token'),
  credential('openai_key'),
  credential('muster_token'),
  { name: 'github_token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})/, placeholder: PLACEHOLDER.secret },
  { name: 'aws_access_key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b/, placeholder: PLACEHOLDER.secret },
  { name: 'google_api_key', pattern: /\bAIza[A-Za-z0-9_-]{35}/, placeholder: PLACEHOLDER.secret },
  { name: 'stripe_key', pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})/, placeholder: PLACEHOLDER.secret },
  {
    // Signed URLs (Azure SAS, S3 and GCS presigned): the signature is a bearer credential until it expires.
    name: 'url_signature',
    pattern: /([?&](?:sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)[^&\s#"'<>]+/,
    ignoreCase: true,
    placeholder: PLACEHOLDER.secret,
    replace: keepPrefix(PLACEHOLDER.secret),
  },
  credential('authorization_header'),
  {
    // `password=...` in URLs, configs, env dumps and logs: the name stays, so the reader knows what was there.
    name: 'credential_assignment',
    pattern: new RegExp(String.raw`(["']?${CREDENTIAL_KEY}["']?\s*=\s*)("[^"]*"|'[^']*'|[^\s,;&)}\]"']+)`),
    ignoreCase: true,
    placeholder: PLACEHOLDER.secret,
    replace: keepPrefix(PLACEHOLDER.secret),
  },
  {
    // After a colon only values that look like credentials (quoted, or mixing letters with digits or
    // symbols): "token: expired" in chat is a sentence, "api_key: 9f8e7d6c" is not.
    name: 'credential_field',
    pattern: new RegExp(String.raw`(["']?${CREDENTIAL_KEY}["']?\s*:\s*)("[^"]+"|'[^']+'|(?=[^\s,;]*[0-9_/+=!@#$%^*-])[^\s,;"']{6,})`),
    ignoreCase: true,
    placeholder: PLACEHOLDER.secret,
    replace: keepPrefix(PLACEHOLDER.secret),
    accept: (match) => !match.endsWith(PLACEHOLDER.secret),
  },
  {
    // Prose: "AWS secret wJalr…", "the password is hunter2", "api key: 9f8e…". Only the value goes, and
    // only when it looks like one (looksLikeCredentialValue), so "token expired" stays a sentence.
    name: 'credential_phrase',
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9_.-])(${CONTEXT_WORD}["']?(?:\s*[:=]\s*|\s+(?:is|was|=)\s+|\s+))([^\s,;"'<>()\[\]{}]{6,})`),
    ignoreCase: true,
    placeholder: PLACEHOLDER.secret,
    replace: (match, g) => `${g[0] ?? ''}${PLACEHOLDER.secret}${/[.,!?:]+$/.exec(g[1] ?? '')?.[0] ?? ''}`,
    accept: (match) => {
      const parsed = new RegExp(String.raw`^(${CONTEXT_WORD}["']?(?:\s*[:=]\s*|\s+(?:is|was|=)\s+|\s+))(.*)$`, 'is').exec(match);
      return !!parsed && looksLikeCredentialValue(parsed[2], STRONG_CONTEXT.test(parsed[1]));
    },
  },
  {
    // Key material with no known prefix, found the way secret scanners find it (secret-heuristics.ts).
    name: 'high_entropy',
    pattern: /(?<![A-Za-z0-9+/_.-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-]|\.[A-Za-z0-9])/,
    placeholder: PLACEHOLDER.secret,
    accept: looksRandom,
  },
  { name: 'email', pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/, placeholder: PLACEHOLDER.email },
  {
    name: 'ipv6',
    pattern: /\[(?=[0-9A-Fa-f:.]*::|(?:[0-9A-Fa-f]{1,4}:){7})[0-9A-Fa-f:.]{2,45}\]|(?<![\w:.])(?=[0-9A-Fa-f:.]*::|(?:[0-9A-Fa-f]{1,4}:){7})[0-9A-Fa-f:.]{2,45}(?![\w:])/,
    placeholder: PLACEHOLDER.ip,
    replace: (match) => replaceValidIp(match, isIPv6),
    accept: (match) => replaceValidIp(match, isIPv6) !== match,
  },
  {
    name: 'ipv4',
    pattern: /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)/,
    placeholder: PLACEHOLDER.ip,
    accept: (match) => isIPv4(match),
  },
  {
    // International numbers start with +; national ones need () or -/. separators, so a list of
    // latencies ("250 300 4000") is never a phone number.
    name: 'phone',
    pattern: /(?<![\w+])(?:\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}|(?:\(\d{2,4}\)\s?|\d{2,4}[-.])\d{3,4}[-.]\d{4})(?![\w.-]?\d)/,
    placeholder: PLACEHOLDER.phone,
    accept: (match) => {
      const digits = match.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
];

/**
 * Only for text meant for outsiders: internal hostnames and links mean nothing to a customer and
 * tell an attacker about the estate. A "hostname" here has at least three dot-separated labels, each
 * with a letter (so `v1.2.3` stays), or ends in an internal-only suffix.
 */
export const EXTERNAL_AUDIENCE_PATTERNS: readonly RedactionPattern[] = [
  { name: 'url', pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>"')\]]+/, ignoreCase: true, placeholder: PLACEHOLDER.link },
  {
    name: 'hostname',
    pattern: /\b(?:(?=[a-z0-9-]*[a-z])[a-z0-9-]{1,63}\.){2,}(?=[a-z0-9-]*[a-z])[a-z0-9-]{1,63}\b|\b[a-z0-9-]+\.(?:internal|local|lan|corp|intra|svc|localdomain)\b/,
    ignoreCase: true,
    placeholder: PLACEHOLDER.host,
  },
];

/** IPv6 candidates may end with sentence punctuation or sit in URL brackets; validate the address only. */
function replaceValidIp(match: string, valid: (s: string) => boolean): string {
  const core = match.replace(/^\[/, '').replace(/\]$/, '');
  const trimmed = core.replace(/[.:]+$/, (tail) => (tail === '::' ? tail : ''));
  const tail = core.slice(trimmed.length);
  if (!/[0-9A-Fa-f]/.test(trimmed) || !valid(trimmed)) return match;
  // `http://[::1]:8080` becomes `http://[ip]:8080`: the brackets go with the address.
  return `${PLACEHOLDER.ip}${tail}`;
}
