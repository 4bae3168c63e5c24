/**
 * Waiting for something the code under test reaches on its own: bounded polls, never fixed sleeps.
 * The bound only stops a broken test from hanging; nothing asserts how long the wait took.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value and returns it, failing with `what` after `ms`. */
export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await pause(everyMs);
  }
}

/** Waits until an in-memory condition holds (a fake's state, a pacer's queue), checked often. */
export async function until(condition: () => boolean, what = 'the condition', ms = 5_000): Promise<void> {
  await eventually(what, () => (condition() ? true : undefined), ms, 10);
}
