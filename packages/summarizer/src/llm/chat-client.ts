import type OpenAI from 'openai';

/**
 * The OpenAI SDK loads with the first client: a server without a model configured (the extractive
 * summarizer answers) never needs it. Types come from the import above, which compiles to nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on demand
const sdk = (): typeof OpenAI => require('openai') as typeof OpenAI;
import type { Logger } from '@muster/core';
import type { ResolvedLlmConfig } from '../config/summarizer-config';
import type { ChatMessage } from '../prompt/prompts';
import type { OutputSchema } from '../schema/output-schema';
import { LlmCallFailed } from './fallback-reason';
import { rejectsJsonSchema, ResponseFormatSupport } from './response-format';

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens: number;
  /** Asked for as strict structured output (`json_schema`), or JSON mode where the server refuses that. */
  readonly schema?: OutputSchema;
  /** The summary's overall deadline; aborting it ends the call and any retry wait at once. */
  readonly signal: AbortSignal;
}

export interface ChatReply {
  readonly content: string;
  readonly finishReason: string | null;
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
  /** HTTP requests this reply took: 2 when the server refused json_schema and JSON mode answered. */
  readonly requests?: number;
}

/**
 * The only place that talks to the endpoint: `chat.completions` with strict structured output
 * (`json_schema`), falling back to JSON mode once per endpoint and model when the server refuses
 * it (see ResponseFormatSupport). Retries (429/5xx/timeouts, honouring Retry-After) are
 * the SDK's; this class turns whatever is left into a `LlmCallFailed` with a fallback code.
 */
export class ChatClient {
  private readonly client: OpenAI;

  constructor(private readonly llm: ResolvedLlmConfig, logger?: Logger, private readonly formats = new ResponseFormatSupport()) {
    this.client = new (sdk())({
      // Passed explicitly so the SDK never falls back to reading process.env itself. Local servers
      // (Ollama, vLLM) accept any key; the SDK refuses to start without one.
      apiKey: llm.apiKey ?? 'no-key',
      baseURL: llm.baseURL,
      // null, not undefined: undefined would make the SDK look these up in process.env.
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      timeout: llm.requestTimeoutMs,
      maxRetries: llm.maxRetries,
      fetch: refuseWaitsBeyond(llm.deadlineMs),
      logger: logger ? sdkLogger(logger) : undefined,
      logLevel: logger ? 'warn' : 'off',
    });
  }

  async complete(request: ChatRequest): Promise<ChatReply> {
    const baseURL = this.client.baseURL;
    const format = this.formats.formatFor(baseURL, request.model, request.schema);
    try {
      return await this.send(request, format);
    } catch (error) {
      if (format.type !== 'json_schema' || !(error instanceof LlmCallFailed) || !(error.cause instanceof sdk().APIError) || !rejectsJsonSchema(error.cause)) throw error;
      this.formats.refuseJsonSchema(baseURL, request.model);
      return { ...(await this.send(request, { type: 'json_object' })), requests: 2 };
    }
  }

  private async send(request: ChatRequest, format: NonNullable<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming['response_format']>): Promise<ChatReply> {
    const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
      model: request.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      response_format: format,
      ...(this.llm.temperature !== null && { temperature: this.llm.temperature }),
    };
    const maxTokens = Math.min(request.maxOutputTokens, this.llm.maxOutputTokens);
    if (this.llm.maxTokensParameter === 'max_completion_tokens') body.max_completion_tokens = maxTokens;
    else body.max_tokens = maxTokens;
    // A signal of its own per call: the SDK never removes its abort listener, and dozens of map
    // calls sharing the summary's signal would pile listeners onto it.
    const signal = AbortSignal.any([request.signal]);
    const pending = this.client.chat.completions.create(body, { signal });
    const completion = await untilAborted(pending, signal).catch((error: unknown) => {
      throw classify(error, signal, this.llm);
    });
    return readReply(completion);
  }
}

/**
 * Compatible servers and proxies do answer 200 without a usable message; each case becomes a
 * fallback reason of its own instead of a TypeError deep in the summarizer.
 */
function readReply(completion: unknown): ChatReply {
  const c = (typeof completion === 'object' && completion !== null ? completion : {}) as Partial<OpenAI.Chat.ChatCompletion>;
  if (!Array.isArray(c.choices)) {
    throw new LlmCallFailed('empty_reply', 'the endpoint answered without "choices"; check that OPENAI_BASE_URL points at an OpenAI-compatible chat completions API');
  }
  if (!c.choices.length) throw new LlmCallFailed('empty_reply', 'the endpoint answered with an empty "choices" list');
  const choice = c.choices[0];
  const message = choice?.message;
  if (typeof message?.refusal === 'string' && message.refusal) throw new LlmCallFailed('empty_reply', 'the model refused to write this summary');
  if (typeof message?.content !== 'string') throw new LlmCallFailed('empty_reply', 'the model answered with no message content');
  const usage = c.usage && typeof c.usage.prompt_tokens === 'number'
    ? { promptTokens: c.usage.prompt_tokens, completionTokens: c.usage.completion_tokens ?? 0 }
    : undefined;
  return { content: message.content, finishReason: choice.finish_reason ?? null, usage };
}

/**
 * The SDK sleeps through Retry-After without watching the signal; racing the signal lets the
 * deadline win at once. The abandoned promise still settles later: its rejection is swallowed.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

function classify(error: unknown, signal: AbortSignal, llm: ResolvedLlmConfig): LlmCallFailed {
  if (error instanceof LlmCallFailed) return error;
  if (signal.aborted || error instanceof sdk().APIConnectionTimeoutError || error instanceof sdk().APIUserAbortError) {
    const detail = signal.aborted
      ? `the model did not answer within the ${seconds(llm.deadlineMs)} deadline`
      : `the model did not answer within ${seconds(llm.requestTimeoutMs)} (${llm.maxRetries + 1} attempts)`;
    return new LlmCallFailed('timeout', detail, { cause: error });
  }
  if (error instanceof sdk().RateLimitError) {
    const wait = retryAfterMs(error.headers);
    const detail = wait !== undefined && wait > llm.deadlineMs
      ? `the endpoint asked to wait ${seconds(wait)}, longer than the ${seconds(llm.deadlineMs)} deadline`
      : `the endpoint still refused with 429 after ${llm.maxRetries} retries`;
    return new LlmCallFailed('rate_limited', detail, { cause: error });
  }
  if (error instanceof sdk().AuthenticationError || error instanceof sdk().PermissionDeniedError) {
    return new LlmCallFailed('llm_rejected', `the endpoint refused the credentials (HTTP ${error.status}); check OPENAI_API_KEY`, { cause: error });
  }
  if (error instanceof sdk().APIError && error.status !== undefined && error.status < 500) {
    // Never echo the server's message: it can quote the request back.
    return new LlmCallFailed('llm_rejected', `the endpoint refused the request (HTTP ${error.status})`, { cause: error });
  }
  if (error instanceof sdk().APIError && error.status !== undefined) {
    return new LlmCallFailed('llm_unavailable', `the endpoint failed (HTTP ${error.status}) after ${llm.maxRetries} retries`, { cause: error });
  }
  return new LlmCallFailed('llm_unavailable', 'the endpoint could not be reached', { cause: error });
}

/**
 * The SDK honours Retry-After however long it is, sleeping on a timer nobody can cancel. A wait
 * longer than the whole summary may take helps nobody: mark such a response as not retryable (the
 * SDK obeys `x-should-retry`), so the extractive answer comes at once and no timer outlives the call.
 */
function refuseWaitsBeyond(limitMs: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const wait = retryAfterMs(response.headers);
    if (wait === undefined || wait <= limitMs) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Retry-After in milliseconds (`retry-after-ms`, seconds, or an HTTP date), as the SDK reads it. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const secs = Number.parseFloat(value);
  if (!Number.isNaN(secs)) return secs * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The SDK logs through a console-like object; route it to ours, without request bodies. */
function sdkLogger(logger: Logger) {
  const forward = (level: keyof Logger) => (message: string) => logger[level](`openai sdk: ${message}`);
  return { error: forward('error'), warn: forward('warn'), info: forward('info'), debug: forward('debug') };
}
