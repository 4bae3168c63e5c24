import type { Button, View } from '@muster/core';
import { stylesFor, type Styles } from './render/ansi';
import { terminalSafe, terminalSafeLine } from './render/sanitize';
import { renderView } from './render/view-text';

export type ConsoleTone = 'normal' | 'muted' | 'warning' | 'success';

/** Lets an interactive prompt step aside while something is printed, and come back after. */
export interface PromptGuard {
  beforeOutput(): void;
  afterOutput(): void;
}

/**
 * The one writer to the terminal: views, documents and the console's own lines all go through it,
 * sanitised, so nothing reaches the screen unescaped and the latest buttons are always known.
 */
export class ConsoleTerminal {
  readonly styles: Styles;
  private buttons: readonly Button[] = [];
  /** The posted message the latest buttons belong to, when known, so replacing it withdraws them. */
  private buttonsOf?: string;
  private withdrawn = false;
  private guard?: PromptGuard;

  constructor(readonly output: NodeJS.WritableStream, readonly color = false) {
    this.styles = stylesFor(color);
  }

  /** Text lines of a view, without printing it (the gateway compares versions of a card with this). */
  render(view: View): readonly string[] {
    return renderView(view, this.styles).lines;
  }

  /** Prints a view, under `[#room]` when it was posted in a room. Its buttons become the ones `:press` reaches. */
  show(view: View, room?: string, messageId?: string): void {
    const { lines, buttons } = renderView(view, this.styles);
    if (buttons.length) [this.buttons, this.buttonsOf, this.withdrawn] = [buttons, messageId, false];
    this.write(this.placed(lines, room));
  }

  /**
   * The card whose buttons `:press` reaches was replaced or decided: its buttons must not act any
   * more. With a message id, only when the latest buttons are that message's.
   */
  withdrawButtons(messageId?: string): void {
    if (messageId !== undefined && this.buttonsOf !== messageId) return;
    if (this.buttons.length) this.withdrawn = true;
    [this.buttons, this.buttonsOf] = [[], undefined];
  }

  /** Whether the latest card's buttons were taken away (decided or replaced), not merely never shown. */
  buttonsWithdrawn(): boolean {
    return this.withdrawn && this.buttons.length === 0;
  }

  /** A Markdown document (the postmortem), whole, between rules so it is easy to copy. */
  showDocument(document: { readonly title: string; readonly filename: string; readonly markdown: string }): void {
    const rule = this.styles.muted(`──── ${terminalSafeLine(document.filename)} `.padEnd(60, '─'));
    this.write([rule, ...terminalSafe(document.markdown).replace(/\n+$/, '').split('\n'), this.styles.muted('─'.repeat(60))]);
  }

  /** A line of the console's own, optionally in a room: `[#room] 📌 Pinned message 3`. */
  say(text: string, tone: ConsoleTone = 'normal', room?: string): void {
    const styled = terminalSafe(text).split('\n').map((line) => this.toned(line, tone));
    this.write(this.placed(styled, room));
  }

  /** The buttons of the latest view that had any, numbered from 1 as printed. */
  latestButtons(): readonly Button[] {
    return this.buttons;
  }

  /** Only one prompt is active at a time; the session sets it while it waits for a line. */
  setPromptGuard(guard: PromptGuard | undefined): void {
    this.guard = guard;
  }

  private placed(lines: readonly string[], room?: string): string[] {
    if (!room) return [...lines];
    const prefix = this.styles.muted(`[${terminalSafeLine(room)}]`);
    return lines.length === 1 ? [`${prefix} ${lines[0]}`] : [prefix, ...lines.map((line) => `  ${line}`)];
  }

  private toned(line: string, tone: ConsoleTone): string {
    if (tone === 'muted') return this.styles.muted(line);
    if (tone === 'warning') return this.styles.warning(line);
    if (tone === 'success') return this.styles.success(line);
    return line;
  }

  private write(lines: readonly string[]): void {
    this.guard?.beforeOutput();
    this.output.write(`${lines.join('\n')}\n`);
    this.guard?.afterOutput();
  }
}
