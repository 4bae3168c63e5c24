/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests, built from the OpenAI API reference's wire
 * format: `POST /v1/chat/completions` (also `/chat/completions`, as compatible servers vary) with
 * `Authorization: Bearer <key>`, answering a `chat.completion` object (id, object, created, model,
 * choices[0].message.content, finish_reason, usage prompt/completion/total tokens), or OpenAI's error
 * shape `{ error: { message, type, param, code } }` with 401, 429 (+ Retry-After) or 500.
 * `GET /v1/models` lists one model.
 *
 *   const llm = await FakeOpenAi.start();          // random port; { apiKey: null } turns the key check off
 *   llm.baseUrl, llm.apiKey                         // pass as OPENAI_BASE_URL / OPENAI_API_KEY
 *   llm.reply((request, n) => ({ content: {...} })) // how every call is answered (n counts from 0)
 *   llm.enqueue({ status: 429, retryAfter: '1' }, { content: 'not json' })  // the next calls, first
 *   llm.requests                                    // every completion request received, in order
 *   llm.userPrompts()                               // the user messages of each request, joined
 *   await llm.close()
 *
 *   llm.refuseJsonSchema()                          // answer json_schema requests 400, as servers without structured output do
 *
 * A reply is `{ content?, finishReason?, usage?, delayMs?, status?, retryAfter?, errorMessage?, shape? }`;
 * an object `content` is sent as its JSON text; `shape` sends a malformed 200 (no `choices`, empty
 * `choices`, null content, a refusal). Without a script, replies come from `fillSchemaReply`: each
 * property of the request's JSON Schema (from `response_format.json_schema`, else the last one in the
 * system message) gets a short placeholder text, so flows that need "some valid answer" work unscripted.
 *
 * `response_format` is checked as the API reference documents it, with OpenAI's 400 answers:
 * `type` is `text`, `json_object` or `json_schema`; `json_object` needs the word "json" in the
 * messages; `json_schema` needs `json_schema.name` (a-z, A-Z, 0-9, `_`, `-`, at most 64) and a
 * `schema` object, and with `strict: true` every object must set `additionalProperties: false` and
 * list every property in `required`, and strings may not use `minLength`/`maxLength`.
 * Default usage counts about four characters per token: a model whose tokenizer differs from ours.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessageBody {
  readonly role: string;
  readonly content: string;
}

export interface ChatCompletionBody {
  readonly model: string;
  readonly messages: readonly ChatMessageBody[];
  readonly response_format?: { readonly type: string; readonly json_schema?: { readonly name?: unknown; readonly strict?: unknown; readonly schema?: unknown } };
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly temperature?: number;
  readonly stream?: boolean;
  readonly [extra: string]: unknown;
}

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: ChatCompletionBody;
  readonly receivedAt: Date;
}

export interface FakeReply {
  /** The assistant message; an object is sent as JSON text. */
  readonly content?: string | object;
  readonly finishReason?: 'stop' | 'length' | 'content_filter';
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number };
  /** Wait this long before answering (timeouts). */
  readonly delayMs?: number;
  /** An HTTP error instead of a completion: 429, 500, 503... */
  readonly status?: number;
  /** Sent as the Retry-After header with an error status (seconds, as a string). */
  readonly retryAfter?: string;
  readonly errorMessage?: string;
  /** A 200 that is not a usable completion, as broken proxies and some servers send. */
  readonly shape?: 'no_choices' | 'empty_choices' | 'null_content' | 'refusal';
}

export type ReplyScript = (request: ChatCompletionBody, callIndex: number) => FakeReply | Promise<FakeReply>;

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  readonly model = 'fake-model';
  private script: ReplyScript = fillSchemaReply;
  private readonly queue: FakeReply[] = [];
  private calls = 0;
  private jsonSchemaRefused = false;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(private readonly server: Server, readonly apiKey: string | null) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: { apiKey?: string | null } = {}): Promise<FakeOpenAi> {
    const apiKey = options.apiKey === undefined ? 'sk-fake-test-key' : options.apiKey;
    const server = createServer((req, res) => void fake.handle(req, res));
    const fake = new FakeOpenAi(server, apiKey);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Answer every later call with `script` (after anything queued). */
  reply(script: ReplyScript): this {
    this.script = script;
    return this;
  }

  /** Answer the next calls with these, in order, before falling back to the script. */
  enqueue(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** From now on, answer every `json_schema` request with 400, as a server without structured output does. */
  refuseJsonSchema(): this {
    this.jsonSchemaRefused = true;
    return this;
  }

  /** The user messages of each request, joined: what the model was asked to read. */
  userPrompts(): string[] {
    return this.requests.map((r) => r.body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n'));
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.calls = 0;
    this.jsonSchemaRefused = false;
    this.script = fillSchemaReply;
  }

  async close(): Promise<void> {
    // Delayed replies may still hold sockets open: a test that timed out must not hang the suite.
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      if (!this.authorized(req, res)) return;
      return send(res, 200, { object: 'list', data: [{ id: this.model, object: 'model', created: 0, owned_by: 'fake' }] });
    }
    if (path !== '/v1/chat/completions' && path !== '/chat/completions') {
      return sendError(res, 404, `Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url');
    }
    if (req.method !== 'POST') return sendError(res, 405, 'Method not allowed.', 'invalid_request_error', null);
    let body: ChatCompletionBody;
    try {
      body = JSON.parse(await readBody(req)) as ChatCompletionBody;
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    }
    this.requests.push({ path, headers: req.headers, body, receivedAt: new Date() });
    if (!this.authorized(req, res)) return;
    if (!Array.isArray(body.messages) || typeof body.model !== 'string') {
      return sendError(res, 400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter');
    }
    if (body.stream) return sendError(res, 400, 'The fake server does not stream.', 'invalid_request_error', null);
    const formatProblem = responseFormatProblem(body, this.jsonSchemaRefused);
    if (formatProblem) return sendError(res, 400, formatProblem, 'invalid_request_error', null, {}, 'response_format');

    const index = this.calls++;
    const reply = this.queue.shift() ?? (await this.script(body, index));
    if (reply.delayMs) await delayUnlessClosed(res, reply.delayMs);
    if (res.destroyed) return;
    if (reply.status && reply.status >= 400) {
      const headers: Record<string, string> = reply.retryAfter ? { 'retry-after': reply.retryAfter } : {};
      const [type, code, message] = reply.status === 429
        ? ['requests', 'rate_limit_exceeded', `Rate limit reached for ${body.model}. Please try again in ${reply.retryAfter ?? '1'}s.`]
        : ['server_error', null, 'The server had an error while processing your request. Sorry about that!'];
      return sendError(res, reply.status, reply.errorMessage ?? message, type, code, headers);
    }
    const content = typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content ?? {});
    const base = { id: `chatcmpl-fake-${index + 1}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model };
    if (reply.shape === 'no_choices') return send(res, 200, base);
    if (reply.shape === 'empty_choices') return send(res, 200, { ...base, choices: [] });
    if (reply.shape === 'null_content' || reply.shape === 'refusal') {
      const refusal = reply.shape === 'refusal' ? "I'm sorry, I can't help with that." : null;
      return send(res, 200, { ...base, choices: [{ index: 0, message: { role: 'assistant', content: null, refusal }, logprobs: null, finish_reason: 'stop' }] });
    }
    const promptTokens = reply.usage?.prompt_tokens ?? approximateTokens(body.messages);
    const completionTokens = reply.usage?.completion_tokens ?? Math.ceil(content.length / 4);
    send(res, 200, {
      id: `chatcmpl-fake-${index + 1}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      system_fingerprint: 'fp_fake',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: reply.finishReason ?? 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  private authorized(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.apiKey === null) return true;
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (given === this.apiKey) return true;
    const shown = given ? `${given.slice(0, 4)}${'*'.repeat(Math.max(0, given.length - 8))}${given.slice(-4)}` : '';
    sendError(res, 401, given
      ? `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`
      : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    'invalid_request_error', given ? 'invalid_api_key' : null);
    return false;
  }
}

/**
 * The default answer: fill the last JSON Schema found in the system message (an object with string
 * properties) with short placeholder texts; without one, a plain sentence.
 */
export function fillSchemaReply(request: ChatCompletionBody): FakeReply {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const sent = request.response_format?.json_schema?.schema as { properties?: Record<string, unknown> } | undefined;
  const schema = sent?.properties ? { properties: sent.properties } : lastSchemaIn(system);
  if (!schema) return { content: 'This is a reply from the fake model.' };
  return { content: Object.fromEntries(Object.keys(schema.properties).map((name) => [name, `${name.replace(/_/g, ' ')} (fake model)`])) };
}

function lastSchemaIn(text: string): { properties: Record<string, unknown> } | undefined {
  const start = text.lastIndexOf('{"type":"object"');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start).split('\n')[0]) as { properties?: Record<string, unknown> };
    return parsed.properties ? { properties: parsed.properties } : undefined;
  } catch {
    return undefined;
  }
}

/** About four characters per token plus the chat format's per-message overhead. */
function approximateTokens(messages: readonly ChatMessageBody[]): number {
  return messages.reduce((sum, m) => sum + 3 + Math.ceil(String(m.content ?? '').length / 4), 3);
}

/** Wait, but stop waiting when the client gives up: a timed-out test must not keep a timer alive. */
function delayUnlessClosed(res: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake_${Date.now()}`, ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}, param: string | null = null): void {
  send(res, status, { error: { message, type, param, code } }, headers);
}

/** What OpenAI would refuse about `response_format`, in its own words; undefined when it is fine. */
function responseFormatProblem(body: ChatCompletionBody, jsonSchemaRefused: boolean): string | undefined {
  const format = body.response_format;
  if (format === undefined) return undefined;
  if (typeof format !== 'object' || format === null || !['text', 'json_object', 'json_schema'].includes(format.type)) {
    return "Invalid value for 'response_format.type': expected one of 'text', 'json_object' or 'json_schema'.";
  }
  if (format.type === 'json_object' && !body.messages.some((m) => /json/i.test(String(m.content)))) {
    return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
  }
  if (format.type !== 'json_schema') return undefined;
  if (jsonSchemaRefused) return "response_format of type 'json_schema' is not supported by this server; use 'json_object'.";
  const spec = format.json_schema;
  if (typeof spec !== 'object' || spec === null) return "Missing required parameter: 'response_format.json_schema'.";
  if (typeof spec.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' of at most 64 characters.";
  }
  if (typeof spec.schema !== 'object' || spec.schema === null) return "Invalid 'response_format.json_schema.schema': expected an object.";
  if (spec.strict !== undefined && typeof spec.strict !== 'boolean') return "Invalid type for 'response_format.json_schema.strict': expected a boolean.";
  if (spec.strict !== true) return undefined;
  const problem = strictSchemaProblem(spec.schema as Record<string, unknown>, []);
  return problem && `Invalid schema for response_format '${spec.name}': ${problem}`;
}

/** Strict mode's subset, as the Structured Outputs guide lists it. */
function strictSchemaProblem(schema: Record<string, unknown>, path: string[]): string | undefined {
  const where = `In context=(${path.map((p) => `'${p}'`).join(', ')})`;
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false) return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).filter((k) => !required.includes(k));
    if (missing.length) return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [name, sub] of Object.entries(properties)) {
      const problem = strictSchemaProblem(sub, [...path, 'properties', name]);
      if (problem) return problem;
    }
  }
  if (schema.type === 'string') {
    for (const keyword of ['minLength', 'maxLength']) if (keyword in schema) return `${where}, '${keyword}' is not permitted.`;
  }
  if (schema.type === 'array' && typeof schema.items === 'object' && schema.items !== null) return strictSchemaProblem(schema.items as Record<string, unknown>, [...path, 'items']);
  return undefined;
}
