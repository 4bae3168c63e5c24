import type { FileConfig } from './file-config';
import { FILE_SCHEMA, FILE_SECTIONS } from './file-schema';
import type { Problems } from './problems';
import { addZodIssues } from './zod-problems';

const NOTHING: FileConfig = { server: {}, llm: {} };

/**
 * Validates a parsed muster.yaml document: every problem is recorded, none thrown. A file with problems
 * still yields its sections that are right, so the core's catalogues check them in the same start
 * (a role list without `commander` is reported beside a bad severity, not after it is fixed).
 */
export function readFileConfig(problems: Problems, document: unknown): FileConfig {
  if (document === undefined || document === null) return NOTHING;
  const result = FILE_SCHEMA.safeParse(document);
  if (result.success) return result.data;
  addZodIssues(problems, '', result.error, document, FILE_SCHEMA);
  return sectionsThatAreRight(document);
}

function sectionsThatAreRight(document: unknown): FileConfig {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return NOTHING;
  const given = document as Record<string, unknown>;
  const right = Object.entries(FILE_SECTIONS).flatMap(([key, schema]) => {
    const section = schema.safeParse(Object.prototype.hasOwnProperty.call(given, key) ? given[key] ?? undefined : undefined);
    return section.success && section.data !== undefined ? [[key, section.data]] : [];
  });
  return { ...NOTHING, ...Object.fromEntries(right) } as FileConfig;
}
