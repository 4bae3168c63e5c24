import { maskCredentials } from '@muster/core';

const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/**
 * Replaces every known secret value of one installation wherever it appears: in log messages and
 * fields, failure reasons, answers to the sender. Longest values first, so a secret that contains
 * another is hidden whole; then anything shaped like a credential (core's patterns), so a token the
 * plugin fetched or was sent, which no setting names, does not pass either.
 */
export class SecretRedactor {
  private readonly values: readonly string[];

  constructor(values: Iterable<string>) {
    this.values = [...new Set([...values].filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.values.length === 0;
  }

  text(input: string): string {
    let out = input;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return maskCredentials(out, REDACTED);
  }

  /** A copy of `value` with secrets replaced in every string, errors turned into plain `{ name, message }`. */
  deep(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (value instanceof Error) return { name: value.name, message: this.text(value.message) };
    if (value instanceof Date) return value;
    if (Array.isArray(value)) return value.map((v) => this.deep(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v, depth + 1)]));
  }
}
