import type OpenAI from 'openai';
import { wireSchema, type OutputSchema } from '../schema/output-schema';

type ResponseFormat = NonNullable<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming['response_format']>;

/**
 * Which `response_format` each endpoint and model accepts. Structured output (`json_schema`, strict)
 * is asked for first; a server that refuses it (older vLLM, llama.cpp and LM Studio builds, some
 * proxies) is remembered here, so later calls go straight to JSON mode instead of paying for a
 * refused request every time.
 */
export class ResponseFormatSupport {
  // Per instance by design: each instance learns a refusal with one refused request of its own.
  private readonly refused = new Set<string>();

  formatFor(baseURL: string, model: string, schema: OutputSchema | undefined): ResponseFormat {
    if (!schema || this.refused.has(key(baseURL, model))) return { type: 'json_object' };
    return { type: 'json_schema', json_schema: { name: schemaName(schema.name), strict: true, schema: wireSchema(schema) } };
  }

  refuseJsonSchema(baseURL: string, model: string): void {
    this.refused.add(key(baseURL, model));
  }

  refusesJsonSchema(baseURL: string, model: string): boolean {
    return this.refused.has(key(baseURL, model));
  }
}

const key = (baseURL: string, model: string) => `${baseURL.replace(/\/+$/, '')}\n${model}`;

/** The API allows a-z, A-Z, 0-9, `_` and `-`, at most 64 characters. */
const schemaName = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'reply';

/**
 * A 400 that names `response_format` or `json_schema` (in `param` or the message): the server does
 * not take structured output. Any other 400 is a real refusal and is not retried.
 */
export function rejectsJsonSchema(error: { status?: number; param?: string | null; message?: string }): boolean {
  if (error.status !== 400 && error.status !== 422) return false;
  return error.param === 'response_format' || /response_format|json_schema/i.test(error.message ?? '');
}
