/**
 * Group commit above the store: calls that arrive while a batch is being written wait and go together
 * in the next one, so a busy room costs one transaction per batch instead of one per message. A lone
 * call is written at once (no timer, no added latency when it is quiet).
 */
export class Batcher<I, O> {
  private readonly queue: { readonly item: I; readonly resolve: (out: O) => void; readonly reject: (error: unknown) => void }[] = [];
  private writing = false;

  /** `write` answers each item in order: a value, or (for one item that failed alone) `{ failed: error }`. */
  constructor(private readonly write: (items: readonly I[]) => Promise<readonly (O | Failed)[]>, private readonly maxBatch = 500) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
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
}

/** One item's own failure inside a batch that otherwise succeeded. */
export class Failed {
  constructor(readonly failed: unknown) {}
}

const isFailed = (value: unknown): value is Failed => value instanceof Failed;
