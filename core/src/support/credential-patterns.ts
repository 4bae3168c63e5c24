/**
 * What a credential looks like in free text, defined once for everyone who masks them: the server's
 * log lines, the summarizer's redaction, the plugin host's redactor and the platform adapters' error
 * messages. Each user keeps its own placeholder and its own extra rules on top (the summarizer's
 * heuristics, the plugin host's known secret values); a new token format is added here, for all.
 */

/**
 * Each pattern is without the `g` flag, so a shared object carries no `lastIndex`; callers compile their
 * own copy. Group 1, when there is one, is context that stays in front of the placeholder (`Bearer `,
 * `https://`). Most specific first (maskCredentials applies them in this order): a JWT sent as
 * `Bearer eyJ…` counts as a JWT, and a token inside a URL is gone before any URL rule runs.
 */
export const CREDENTIAL_PATTERNS = {
  private_key: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/,
  // `https://user:password@host`: the scheme stays so a reader still sees what kind of URL it was.
  url_credentials: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/:@]*:[^\s/@]+(?=@)/i,
  // Header and payload are base64url JSON objects, so both start with `eyJ`; the signature may be missing.
  jwt: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}(?:\.[A-Za-z0-9_-]*)?/,
  // Bot xoxb-, user xoxp-, workspace xoxa-, refresh xoxr-, rotating xoxe.xoxp-/xoxe-, app-level xapp-.
  slack_token: /\b(?:xoxe\.)?(?:xox[a-z]|xapp)-[A-Za-z0-9-]{6,}/,
  // OpenAI (sk-…, sk-proj-…, sk-svcacct-…) and Anthropic (sk-ant-…) keys.
  openai_key: /\bsk-[A-Za-z0-9_-]{16,}/,
  // Muster's own REST API tokens (the store's API_TOKEN_PREFIX: `mst_` + base64url).
  muster_token: /\bmst_[A-Za-z0-9_-]{8,}/,
  authorization_header: /\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}/i,
} as const satisfies Record<string, RegExp>;

export type CredentialKind = keyof typeof CREDENTIAL_PATTERNS;

const GLOBAL_PATTERNS = Object.values(CREDENTIAL_PATTERNS).map((pattern) => new RegExp(pattern.source, `${pattern.flags}g`));

/** `text` with every credential replaced by `placeholder`; `Bearer ` and a URL's scheme stay in front of it. */
export function maskCredentials(text: string, placeholder: string): string {
  return GLOBAL_PATTERNS.reduce(
    // Without a group the second argument is the match offset, a number: nothing is kept then.
    (out, pattern) => out.replace(pattern, (_match: string, kept: unknown) => `${typeof kept === 'string' ? kept : ''}${placeholder}`),
    text,
  );
}
