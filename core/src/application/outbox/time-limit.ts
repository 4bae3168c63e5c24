/**
 * Settles with `work`, or rejects with `onTimeout()` once `ms` pass first. The work is not cancelled
 * (a promise cannot be): it is abandoned, and whatever it settles with later is handed to `late`, so a
 * late rejection never becomes an unhandled one.
 */
export function withTimeLimit<T>(work: Promise<T>, ms: number, onTimeout: () => Error, late: (outcome: PromiseSettledResult<T>) => void = () => {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(onTimeout());
    }, ms);
    // Neither a hung handler nor its timer keeps a process alive that is otherwise done.
    timer.unref?.();
    work.then(
      (value) => {
        if (timedOut) return late({ status: 'fulfilled', value });
        clearTimeout(timer);
        resolve(value);
      },
      (reason: unknown) => {
        if (timedOut) return late({ status: 'rejected', reason });
        clearTimeout(timer);
        reject(reason);
      },
    );
  });
}
