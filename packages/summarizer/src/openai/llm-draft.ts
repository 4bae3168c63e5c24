import type { SummaryRequest } from '@muster/core';
import { modelFor, type ResolvedLlmConfig, type ResolvedSummarizerConfig } from '../config/summarizer-config';
import type { ChatClient } from '../llm/chat-client';
import { callForJson } from '../llm/structured-call';
import type { UsageMeter } from '../llm/usage-meter';
import { planRequest } from '../planning/request-plan';
import { buildMessages, type PromptData, type PromptTask } from '../prompt/prompts';
import { isQuotable, quoteEntry, quoteIncident, type QuotedEntry, type Sanitizer } from '../prompt/quoted-data';
import { PeopleAliases } from '../redaction/people-aliases';
import { Redactor } from '../redaction/redact';
import { EXTERNAL_AUDIENCE_PATTERNS, SECRET_PATTERNS } from '../redaction/redaction-patterns';
import { notesSchema, productSchema } from '../schema/output-schema';
import { countChatTokens, countTokens } from '../tokens/token-counter';
import type { TokenCalibration } from '../tokens/token-calibration';
import { condense } from './map-reduce';
import { externalDraftProblems, renderProduct, type RenderedProduct } from './render-product';
import type { RollingFacts } from './rolling-facts';
import { scanTimeline } from './timeline-scan';

export interface DraftContext {
  readonly config: ResolvedSummarizerConfig & { readonly llm: ResolvedLlmConfig };
  readonly client: ChatClient;
  readonly calibration: TokenCalibration;
  readonly rolling: RollingFacts;
  readonly meter: UsageMeter;
  readonly signal: AbortSignal;
}

export interface DraftOutcome {
  readonly product: RenderedProduct;
  readonly model: string;
  readonly entriesSent: number;
  /** Timeline rows read to build the request. */
  readonly rowsRead: number;
  readonly reusedFacts: boolean;
  readonly mapReduce: boolean;
  readonly redactions: Readonly<Record<string, number>>;
}

/** Room for the one correction note a retry adds, so a retried request stays within the budget too. */
const CORRECTION_RESERVE_TOKENS = 150;

/**
 * One summary through the model: sanitise, take what is new since the rolling facts, fit it into
 * the budget (map-reduce when it does not fit), ask, validate, render, and advance the rolling facts.
 * Throws `LlmCallFailed` for anything the caller should answer with the extractive summary.
 */
export async function draftWithLlm(request: SummaryRequest, ctx: DraftContext): Promise<DraftOutcome> {
  const { config, calibration } = ctx;
  const external = request.kind === 'status_update' && request.audience === 'external';
  const stored = config.incremental ? await ctx.rolling.load(request.incident.id) : undefined;
  const scan = await scanTimeline(request.timeline, stored);
  const aliases = PeopleAliases.forPeople(request.incident, scan.people);
  const redactor = Redactor.withBuiltIns([...config.extraRedactionPatterns, ...(external ? EXTERNAL_AUDIENCE_PATTERNS : [])]);
  const sanitizer: Sanitizer = { aliases, redactor };
  const model = modelFor(config.llm, request.kind);
  const digestModel = modelFor(config.llm, 'digest');
  // Entries may go to either model; size them for the one that counts more.
  const ratio = Math.max(calibration.ratio(model), calibration.ratio(digestModel));
  const scaled = (localTokens: number) => Math.ceil(localTokens * ratio);
  const quotedTokens = (value: unknown) => scaled(countTokens(JSON.stringify(value)) + 1);

  const carried = scan.carried;
  const fresh = scan.fresh.filter(isQuotable);
  const entries = fresh.map((e) => quoteEntry(e, sanitizer, config.maxEntryTokens)).map((item) => ({ item, tokens: quotedTokens(item) }));
  const factsText = carried ? (external ? redactor.redact(carried.text) : carried.text) : undefined;

  const incident = quoteIncident(request, sanitizer);
  const limits = { factsMaxChars: config.factsMaxTokens * 4 };
  const factsWords = Math.floor(config.factsMaxTokens * 0.6);
  const task: PromptTask = { type: 'product', kind: request.kind, audience: request.audience, withFacts: config.incremental };
  const schema = productSchema(request.kind, limits, config.incremental);
  const notes = notesSchema(limits);
  const empty: PromptData = { incident, factsSoFar: [], entries: [] };
  const fixedOf = (t: PromptTask, s = notes) => scaled(countChatTokens(buildMessages(t, s, empty, factsWords))) + CORRECTION_RESERVE_TOKENS;

  const plan = planRequest({
    entries,
    fixedTokens: fixedOf(task, schema),
    factsTokens: factsText ? quotedTokens(factsText) : 0,
    mapFixedTokens: Math.max(fixedOf({ type: 'notes' }), fixedOf({ type: 'merge' })),
    budgetTokens: config.contextBudgetTokens,
    chunkTokens: config.chunkTokens,
  });

  const askForNotes = async (t: PromptTask, data: PromptData): Promise<string> => {
    const value = await callForJson(ctx.client, ctx.meter, { model: digestModel, messages: buildMessages(t, notes, data, factsWords), schema: notes, signal: ctx.signal });
    return value.facts;
  };
  let factsSoFar = factsText ? [factsText] : [];
  let finalEntries: readonly QuotedEntry[] = entries.map((e) => e.item);
  if (plan.mode === 'map_reduce') {
    const chunkNotes = await condense(plan, {
      notesOn: (chunk) => askForNotes({ type: 'notes' }, { incident, factsSoFar: [], entries: chunk }),
      merge: (group) => askForNotes({ type: 'merge' }, { incident, factsSoFar: group, entries: [] }),
      tokensOf: quotedTokens,
      concurrency: config.mapConcurrency,
    });
    factsSoFar = [...factsSoFar, ...chunkNotes];
    finalEntries = plan.newest.map((e) => e.item);
  }

  // A fresh redactor for the check, so checking does not count as redacting.
  const check = external
    ? (value: Readonly<Record<string, string>>) => externalDraftProblems(value.body, aliases, new Redactor([...SECRET_PATTERNS, ...EXTERNAL_AUDIENCE_PATTERNS, ...config.extraRedactionPatterns]))
    : undefined;
  const fields = await callForJson(ctx.client, ctx.meter, {
    model,
    messages: buildMessages(task, schema, { incident, factsSoFar, entries: finalEntries }, factsWords),
    schema,
    signal: ctx.signal,
    check,
  });
  const product = renderProduct(request, fields, aliases, redactor);

  if (config.incremental && scan.lastPosition > 0) {
    await ctx.rolling.save(request.incident.id, scan.lastPosition, redactor.redact(fields.facts));
  }
  return { product, model, entriesSent: entries.length, rowsRead: scan.rowsRead, reusedFacts: !!carried, mapReduce: plan.mode === 'map_reduce', redactions: redactor.counts() };
}
