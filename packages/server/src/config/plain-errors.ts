import type { z } from 'zod';

const KINDS: Readonly<Record<string, string>> = {
  string: 'a text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list',
  tuple: 'a list', object: 'a mapping of settings', record: 'a mapping of settings', null: 'empty',
};

/**
 * zod's messages in muster.yaml's words, for schemas that bring none of their own (a plugin's config
 * schema): `must be true or false` rather than `Invalid input: expected boolean, received string`.
 * Pass it to the parse, `schema.safeParse(config, { error: plainErrors })`; a schema's own message wins.
 */
export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value': return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small': return bound('at least', 'more than', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big': return bound('at most', 'less than', issue.origin, issue.maximum, issue.inclusive);
    case 'not_multiple_of': return `must be a multiple of ${issue.divisor}`;
    case 'invalid_format': return issue.format === 'regex' ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    case 'invalid_union': return 'matches none of the forms allowed here';
    default: return undefined;
  }
};

function bound(inclusiveWord: string, exclusiveWord: string, origin: string, limit: number | bigint, inclusive = true): string {
  const word = inclusive ? inclusiveWord : exclusiveWord;
  if (origin === 'string') return limit === 1 && inclusive && inclusiveWord === 'at least' ? 'must be a non-empty text' : `must be ${word} ${limit} characters long`;
  if (origin === 'array' || origin === 'set') return `must list ${word} ${limit} ${limit === 1 ? 'item' : 'items'}`;
  return `must be ${word} ${limit}`;
}
