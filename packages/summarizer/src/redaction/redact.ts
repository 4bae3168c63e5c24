import { SECRET_PATTERNS, type RedactionPattern } from './redaction-patterns';

interface CompiledPattern {
  readonly source: RedactionPattern;
  readonly regex: RegExp;
}

/**
 * Applies redaction patterns in order and counts what it replaced, so the metrics can show that
 * redaction is doing something without ever logging what it found.
 */
export class Redactor {
  private readonly compiled: readonly CompiledPattern[];
  private readonly found = new Map<string, number>();

  /** `patterns` replaces the built-ins; use `withBuiltIns(extra)` to add to them. */
  constructor(patterns: readonly RedactionPattern[] = SECRET_PATTERNS) {
    this.compiled = patterns.map((p) => ({ source: p, regex: compile(p) }));
  }

  static withBuiltIns(extra: readonly RedactionPattern[] = []): Redactor {
    return new Redactor([...SECRET_PATTERNS, ...extra]);
  }

  redact(text: string): string {
    let out = text;
    for (const { source, regex } of this.compiled) {
      regex.lastIndex = 0;
      out = out.replace(regex, (match: string, ...rest: unknown[]) => {
        if (source.accept && !source.accept(match)) return match;
        // `rest` is the capture groups, then offset, input (and named groups): keep the groups only.
        const groups = rest.slice(0, captureCount(regex)) as (string | undefined)[];
        this.found.set(source.name, (this.found.get(source.name) ?? 0) + 1);
        return source.replace ? source.replace(match, groups) : source.placeholder;
      });
    }
    return out;
  }

  /** How many replacements each pattern made since this redactor was built. */
  counts(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.found);
  }
}

/**
 * Replace secrets and personal data (tokens, keys, passwords, emails, phone numbers, IP addresses)
 * with typed placeholders such as `[secret]` and `[email]`. `extraPatterns` are applied after the built-ins.
 */
export function redact(text: string, extraPatterns: readonly RedactionPattern[] = []): string {
  return Redactor.withBuiltIns(extraPatterns).redact(text);
}

function compile(p: RedactionPattern): RegExp {
  if (typeof p.pattern === 'string') return new RegExp(p.pattern, p.ignoreCase ? 'gi' : 'g');
  const flags = new Set(p.pattern.flags.split(''));
  flags.add('g');
  if (p.ignoreCase) flags.add('i');
  return new RegExp(p.pattern.source, [...flags].join(''));
}

const groupCounts = new WeakMap<RegExp, number>();
function captureCount(regex: RegExp): number {
  let count = groupCounts.get(regex);
  if (count === undefined) {
    // An empty alternative always matches, and its match array has one slot per capture group.
    count = (new RegExp(`${regex.source}|`).exec('')?.length ?? 1) - 1;
    groupCounts.set(regex, count);
  }
  return count;
}
