import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { ConsoleTerminal } from '../console-terminal';

/** Where the session's lines come from: typed at a prompt, or a script. One line at a time, in order. */
export interface LineSource {
  /** The next line, or undefined at the end of input. `prompt` is shown before it (or echoed with it, for scripts). */
  next(prompt: string): Promise<string | undefined>;
  close(): void;
}

/** Lines from a stream through node:readline; with `prompt`, an interactive prompt that steps aside for output. */
export class ReadlineSource implements LineSource {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  private waiting = false;

  constructor(input: NodeJS.ReadableStream, private readonly terminal: ConsoleTerminal, private readonly prompting?: { output: NodeJS.WritableStream }) {
    const output = prompting?.output;
    const tty = Boolean(output && (output as { isTTY?: boolean }).isTTY && (input as { isTTY?: boolean }).isTTY);
    this.rl = createInterface({ input, output, terminal: tty });
    this.lines = this.rl[Symbol.asyncIterator]();
    // Ctrl-C leaves the console like :quit (the server decides what happens to the process).
    this.rl.on('SIGINT', () => this.rl.close());
    if (output) {
      terminal.setPromptGuard({
        // Background work (the outbox) may print while the prompt waits: clear it, print, draw it again.
        beforeOutput: () => {
          if (!this.waiting) return;
          if (tty) { clearLine(output, 0); cursorTo(output, 0); } else output.write('\n');
        },
        afterOutput: () => { if (this.waiting) this.rl.prompt(true); },
      });
    }
  }

  async next(prompt: string): Promise<string | undefined> {
    if (this.prompting) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    this.waiting = true;
    try {
      const result = await this.lines.next();
      return result.done ? undefined : result.value;
    } finally {
      this.waiting = false;
    }
  }

  close(): void {
    this.terminal.setPromptGuard(undefined);
    this.rl.close();
  }
}

/** Lines given up front (`muster demo`, tests). Each is echoed after its prompt, so the output reads as a transcript. */
export class ScriptSource implements LineSource {
  private index = 0;

  constructor(private readonly script: readonly string[], private readonly terminal: ConsoleTerminal) {}

  async next(prompt: string): Promise<string | undefined> {
    if (this.index >= this.script.length) return undefined;
    const line = this.script[this.index++]!;
    this.terminal.say(`${prompt}${line}`);
    return line;
  }

  close(): void {}
}
