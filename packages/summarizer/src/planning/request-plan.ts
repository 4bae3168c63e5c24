import { MusterError } from '@muster/core';
import { chunkByTokens, splitNewest, totalTokens, type Sized } from './chunking';

export interface PlanInput<T> {
  /** New entries with their (calibrated) token costs, oldest first. */
  readonly entries: readonly Sized<T>[];
  /** The final request without facts or entries: instructions, incident header, retry note reserve. */
  readonly fixedTokens: number;
  /** The rolling facts carried from the previous summary (0 when none). */
  readonly factsTokens: number;
  /** A map request without entries. */
  readonly mapFixedTokens: number;
  readonly budgetTokens: number;
  readonly chunkTokens: number;
}

export type RequestPlan<T> =
  /** Everything new fits: one request with facts and entries. */
  | { readonly mode: 'direct'; readonly entries: readonly Sized<T>[] }
  /**
   * Too much for one request: the newest entries go to the final request verbatim (recent detail
   * matters most to someone catching up), older ones are summarised chunk by chunk first, and the
   * chunk notes must shrink to `notesBudget` before the final request.
   */
  | {
      readonly mode: 'map_reduce';
      readonly chunks: readonly (readonly Sized<T>[])[];
      readonly newest: readonly Sized<T>[];
      readonly notesBudget: number;
      readonly chunkTokens: number;
    };

/**
 * Decide how to send what is new within the budget. Pure arithmetic on token counts, so the budget
 * guarantee is tested without a model.
 */
export function planRequest<T>(input: PlanInput<T>): RequestPlan<T> {
  const room = input.budgetTokens - input.fixedTokens - input.factsTokens;
  if (room < 0) throw new MusterError('internal', `the fixed part of the prompt (${input.fixedTokens + input.factsTokens} tokens) exceeds the budget of ${input.budgetTokens}`);
  if (totalTokens(input.entries) <= room) return { mode: 'direct', entries: input.entries };
  // Half the room for recent entries verbatim, half for the notes on everything older.
  const { older, newest } = splitNewest(input.entries, Math.floor(room / 2));
  const chunkTokens = Math.min(input.chunkTokens, input.budgetTokens - input.mapFixedTokens);
  return {
    mode: 'map_reduce',
    chunks: chunkByTokens(older, chunkTokens),
    newest,
    notesBudget: room - totalTokens(newest),
    chunkTokens,
  };
}
