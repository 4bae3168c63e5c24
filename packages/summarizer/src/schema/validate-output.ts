import type { OutputSchema } from './output-schema';

export type ValidationResult =
  | { readonly ok: true; readonly value: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a model's reply against the schema by hand. Lenient where models commonly wander and the
 * meaning is clear (a ```json fence, a list where a string was asked, extra keys), strict where the
 * result would be wrong or unusable (not JSON, a field missing, empty or over its limit).
 */
export function validateOutput(schema: OutputSchema, raw: string): ValidationResult {
  const parsed = parseJsonObject(raw);
  if (typeof parsed === 'string') return { ok: false, problems: [parsed] };
  const problems: string[] = [];
  const value: Record<string, string> = {};
  for (const field of schema.fields) {
    const text = asText(parsed[field.name]);
    if (text === undefined) {
      problems.push(parsed[field.name] === undefined ? `"${field.name}" is missing` : `"${field.name}" must be a string`);
      continue;
    }
    if (!text && !field.allowEmpty) problems.push(`"${field.name}" is empty`);
    else if (text.length > field.maxChars) problems.push(`"${field.name}" has ${text.length} characters; the limit is ${field.maxChars}`);
    else value[field.name] = text;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

function parseJsonObject(raw: string): Record<string, unknown> | string {
  const body = raw.trim().replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, '$1').trim();
  if (!body) return 'the reply was empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the reply was not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the reply was not a JSON object';
  return parsed as Record<string, unknown>;
}

/** A string, or a list of strings read as one line each (models like lists for "open questions"). */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v: string) => v.trim()).filter(Boolean).map((v) => (/^[-•*]/.test(v) ? v : `• ${v}`)).join('\n');
  }
  return undefined;
}
