import { readableMentions, textOf, type Block, type Button, type RichText, type View } from '@muster/core';
import type { Styles } from './ansi';
import { inlineText } from './inline-text';
import { terminalSafeLine } from './sanitize';

export interface RenderedView {
  readonly lines: readonly string[];
  /** In the order they are numbered on screen: `[1]` is `buttons[0]`. */
  readonly buttons: readonly Button[];
}

const RULE = '─';
const DIVIDER_WIDTH = 40;
const TONE_MARKS = { warning: '⚠', success: '✔' } as const;

/** A view as lines of terminal text. Buttons are numbered through the whole view, so `:press 3` is unambiguous. */
export function renderView(view: View, styles: Styles): RenderedView {
  const lines: string[] = [];
  const buttons: Button[] = [];
  for (const block of view.blocks) lines.push(...blockLines(block, styles, buttons));
  if (lines.length === 0) lines.push(terminalSafeLine(view.fallback));
  return { lines, buttons };
}

function blockLines(block: Block, styles: Styles, buttons: Button[]): string[] {
  switch (block.type) {
    case 'header': {
      const text = terminalSafeLine(readableMentions(block.text));
      // Without colour there is no bold: underline with a rule as wide as the text.
      return styles.bold(text) === text ? [text, RULE.repeat(Math.max(3, [...text].length))] : [styles.bold(styles.underline(text))];
    }
    case 'text':
      return toned(block.text, block.tone ?? 'normal', styles).split('\n');
    case 'fields': {
      const width = Math.max(...block.fields.map((f) => [...terminalSafeLine(f.label)].length));
      return block.fields.flatMap((f) => {
        const label = `${terminalSafeLine(f.label)}:`.padEnd(width + 2);
        const [first = '', ...rest] = inlineText(f.value, styles).split('\n');
        return [`${styles.bold(label)}${first}`, ...rest.map((line) => ' '.repeat(width + 2) + line)];
      });
    }
    case 'list':
      return block.items.flatMap((item, i) => {
        const bullet = block.ordered ? `${i + 1}. ` : '• ';
        const [first = '', ...rest] = inlineText(item, styles).split('\n');
        return [bullet + first, ...rest.map((line) => ' '.repeat(bullet.length) + line)];
      });
    case 'context':
      return inlineText(block.text, styles).split('\n').map((line) => styles.muted(line));
    case 'divider':
      return [styles.muted(RULE.repeat(DIVIDER_WIDTH))];
    case 'actions':
      return [block.buttons.map((b) => buttonText(b, buttons.push(b), styles)).join('  ')];
    case 'input':
      return [`${terminalSafeLine(block.label)}${block.optional ? ' (optional)' : ''}`];
  }
}

function buttonText(button: Button, number: number, styles: Styles): string {
  const text = `[${number}] ${terminalSafeLine(button.label)}`;
  return button.style === 'primary' ? styles.success(text) : button.style === 'danger' ? styles.danger(text) : text;
}

/**
 * Tones are marked with a sign as well as a colour, so they survive a monochrome terminal and a
 * transcript. Core often starts such text with its own sign (✅, 🚨); a second one would be noise.
 */
function toned(text: RichText, tone: 'normal' | 'muted' | 'warning' | 'success', styles: Styles): string {
  const body = inlineText(text, styles);
  if (tone === 'muted') return body.split('\n').map((line) => styles.muted(line)).join('\n');
  if (tone === 'normal') return body;
  const hasOwnSign = /^\s*\p{Extended_Pictographic}/u.test(textOf(text));
  const colour = tone === 'warning' ? styles.warning : styles.success;
  return hasOwnSign ? body : `${colour(TONE_MARKS[tone])} ${body}`;
}
