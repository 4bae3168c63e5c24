import type { Environment } from './env-names';
import type { Problems } from './problems';

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** Reads environment variables; an empty (or blank) variable counts as unset, as the project promises. */
export class EnvReader {
  constructor(private readonly env: Environment, readonly problems: Problems) {}

  string(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    this.problems.add(name, 'must be on or off (true/false, 1/0, yes/no also work)', this.string(name));
    return undefined;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.add(name, `must be a whole number from ${min} to ${max}`, value);
      return undefined;
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name)?.toLowerCase();
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.add(name, `must be one of ${allowed.join(', ')}`, value);
      return undefined;
    }
    return value as T;
  }

  /** An http(s) URL. Shown back only without its credentials, which a URL may carry. */
  httpUrl(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      // A URL may carry a password: show the value back only when it has no user part.
      if (value.includes('@')) this.problems.add(name, 'must be an http:// or https:// URL');
      else this.problems.add(name, 'must be an http:// or https:// URL', value);
      return undefined;
    }
    return value;
  }
}
