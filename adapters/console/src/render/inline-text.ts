import type { Inline, RichText } from '@muster/core';
import type { Styles } from './ansi';
import { terminalSafe } from './sanitize';

/**
 * Rich text as terminal text. Every string from a view may carry user text, so each is sanitised
 * before styling; nothing is interpreted (`<!channel>` and `@everyone` print as typed: a terminal
 * pings nobody).
 */
export function inlineText(rich: RichText, styles: Styles): string {
  return rich.map((piece) => inlinePiece(piece, styles)).join('');
}

function inlinePiece(piece: Inline, styles: Styles): string {
  if (typeof piece === 'string') return terminalSafe(piece);
  if ('bold' in piece) return styles.bold(terminalSafe(piece.bold));
  if ('italic' in piece) return styles.italic(terminalSafe(piece.italic));
  if ('code' in piece) return styles.code(`\`${terminalSafe(piece.code)}\``);
  if ('link' in piece) {
    const url = terminalSafe(piece.link.url);
    const text = terminalSafe(piece.link.text);
    return text && text !== url ? `${text} <${url}>` : `<${url}>`;
  }
  return styles.mention(`@${terminalSafe(piece.mention.name ?? piece.mention.id)}`);
}
