import type { EffectLog } from '../ports/outbox.port';

/** Plain JSON, because a step's result is stored and read back by a later attempt. */
export type StepResult = Readonly<Record<string, unknown>>;

/**
 * Runs one remote step of a side effect at most once across crashes and retries:
 * - a step completed before returns its stored result without calling the remote side;
 * - a step begun before but never completed is uncertain: `run` gets when it first began, and must
 *   look on the remote side for what that attempt did before doing it again;
 * - otherwise `run` gets undefined and does the step; its result is stored as soon as it returns.
 */
export async function effectStep<T extends StepResult>(log: EffectLog, effectKey: string, run: (uncertainSince: Date | undefined) => Promise<T>): Promise<T> {
  const known = await log.effect(effectKey);
  if (known?.result) return known.result as T;
  const begun = await log.beginEffect(effectKey);
  // Another worker may have completed it between the read and the begin (a lease that ran out).
  if (begun.result) return begun.result as T;
  const result = await run(begun.begins > 1 ? begun.begunAt : undefined);
  await log.completeEffect(effectKey, result);
  return result;
}

/** For steps with nothing to return: the record of completion is the result. */
export async function effectOnce(log: EffectLog, effectKey: string, run: (uncertainSince: Date | undefined) => Promise<void>): Promise<void> {
  await effectStep(log, effectKey, async (since) => {
    await run(since);
    return { done: true };
  });
}
