import type { z } from 'zod';
import type { Problems } from './problems';
import { join } from './value-reader';

/**
 * Records every issue of a failed zod parse as a problem naming its key the way muster.yaml spells it
 * (`plugins.alertmanager.config.severity.map.critical`), so schema errors read like every other
 * configuration error: `<key> <what is wrong> (got <value>)`.
 */
export function addZodIssues(problems: Problems, base: string, error: z.ZodError, input: unknown): void {
  for (const issue of error.issues) {
    const key = issue.path.reduce<string>((at, part) => (typeof part === 'number' ? `${at}[${part}]` : join(at, String(part))), base);
    const got = valueAt(input, issue.path);
    if (got === undefined) problems.add(key || '(top level)', lowerFirst(issue.message));
    else problems.add(key || '(top level)', lowerFirst(issue.message), got);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[part];
  }
  return at;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
