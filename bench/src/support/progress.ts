/**
 * Progress on stderr, so stdout carries only the Markdown table. Long phases report at most every
 * few seconds; a run of several minutes must never look hung.
 */
export class Progress {
  private readonly started = Date.now();

  constructor(private readonly prefix = 'bench') {}

  line(message: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1).padStart(6);
    process.stderr.write(`[${this.prefix} ${seconds}s] ${message}\n`);
  }

  /** A reporter for one long loop: call it as often as you like, it prints at most every `everyMs`. */
  ticker(label: string, total: number, everyMs = 5_000): (done: number) => void {
    let last = Date.now();
    return (done: number) => {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      this.line(`  … ${label}: ${done}/${total}`);
    };
  }
}
