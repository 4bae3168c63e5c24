/**
 * Group commit above the store: calls that arrive while a batch is being written wait and go together
 * in the next one, so a busy room costs one transaction per batch instead of one per message. A lone
 * call is written at once (no timer, no added latency when it is quiet).
 *
 * Busy is different: when a batch of several calls has just been written, their callers are answered
 * and most send their next call a moment later (an HTTP client's next request). Written at once, the
 * first of those would go alone and the rest would wait behind it, so batches alternated 1, n-1, 1,
 * n-1 and a commit in two carried one message (measured through the server: ~13 messages per commit at
 * 32 clients). So after a batch of more than one the next waits up to `gatherMs` for as many calls as
 * the last batch had, and goes as soon as they are there: the wait is bounded, and only ever paid while
 * the batcher is busy.
 */
export class Batcher<I, O> {
  private readonly queue: { readonly item: I; readonly resolve: (out: O) => void; readonly reject: (error: unknown) => void }[] = [];
  private writing = false;
  /** Set while gathering: told of each arrival, so the wait ends as soon as the batch is full. */
  private arrived?: () => void;

  /** `write` answers each item in order: a value, or (for one item that failed alone) `{ failed: error }`. */
  constructor(
    private readonly write: (items: readonly I[]) => Promise<readonly (O | Failed)[]>,
    private readonly maxBatch = 500,
    private readonly gatherMs = 2,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
      else this.arrived?.();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    let last = 0;
    for (;;) {
      if (last > 1 && this.queue.length < last && this.gatherMs > 0) await this.gather(Math.min(last, this.maxBatch));
      if (this.queue.length === 0) break;
      const batch = this.queue.splice(0, this.maxBatch);
      last = batch.length;
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => {
          const result = results[i]!;
          if (isFailed(result)) b.reject(result.failed);
          else b.resolve(result);
        });
      } catch (error) {
        batch.forEach((b) => b.reject(error));
      }
    }
    this.writing = false;
  }

  /** Resolves once `expected` calls are queued or `gatherMs` has passed, whichever is first. */
  private gather(expected: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.arrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.gatherMs);
      this.arrived = () => {
        if (this.queue.length >= expected) done();
      };
    });
  }
}

/** One item's own failure inside a batch that otherwise succeeded. */
export class Failed {
  constructor(readonly failed: unknown) {}
}

const isFailed = (value: unknown): value is Failed => value instanceof Failed;
