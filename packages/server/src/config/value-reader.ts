import type { Problems } from './problems';

/**
 * Typed reads of a parsed YAML document. Each read checks one value, records a problem naming its key
 * when the value is wrong, and returns undefined then, so the caller falls back to a default and the
 * whole file is still checked in one pass.
 */
export class ValueReader {
  constructor(readonly problems: Problems) {}

  /** A mapping whose keys must all be in `allowed`: a typo is an error, not a silently ignored setting. */
  mapping(value: unknown, key: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problems.add(key, 'must be a mapping of settings', value);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    for (const name of Object.keys(record)) {
      if (!allowed.includes(name)) {
        const hint = closest(name, allowed);
        this.problems.add(join(key, name), `is not a setting${hint ? `; did you mean "${hint}"?` : ''} Allowed here: ${allowed.join(', ')}`);
      }
    }
    return record;
  }

  list(value: unknown, key: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problems.add(key, 'must be a list', value);
      return undefined;
    }
    return value;
  }

  string(value: unknown, key: string, rule?: { pattern: RegExp; what: string }): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problems.add(key, rule ? `must be ${rule.what}` : 'must be a non-empty text', value);
      return undefined;
    }
    if (rule && !rule.pattern.test(value)) {
      this.problems.add(key, `must be ${rule.what}`, value);
      return undefined;
    }
    return value.trim();
  }

  /** Text that may be empty (a description). */
  text(value: unknown, key: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.problems.add(key, 'must be a text', value);
      return undefined;
    }
    return value;
  }

  stringList(value: unknown, key: string): string[] | undefined {
    const items = this.list(value, key);
    if (!items) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      const s = this.string(item, `${key}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  boolean(value: unknown, key: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.problems.add(key, 'must be true or false', value);
      return undefined;
    }
    return value;
  }

  positiveNumber(value: unknown, key: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      this.problems.add(key, 'must be a positive number', value);
      return undefined;
    }
    return value;
  }

  integer(value: unknown, key: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.add(key, `must be a whole number from ${min} to ${max}`, value);
      return undefined;
    }
    return value;
  }

  number(value: unknown, key: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.problems.add(key, `must be a number from ${min} to ${max}`, value);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problems.add(key, `must be one of ${allowed.join(', ')}`, value);
      return undefined;
    }
    return value as T;
  }

  /** Reports a required key that is missing; returns whether it is present. */
  required(record: Record<string, unknown>, name: string, key: string): boolean {
    if (record[name] === undefined || record[name] === null) {
      this.problems.add(join(key, name), 'is required');
      return false;
    }
    return true;
  }
}

export const join = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);

/** The allowed key a typo most likely meant, when it is close enough to suggest. */
function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
