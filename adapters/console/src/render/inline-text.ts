import { replaceMentions, type Inline, type RichText } from '@muster/core';
import { CONSOLE_PREFIX } from '../console-prefix';
import type { Styles } from './ansi';
import { terminalSafe } from './sanitize';

/**
 * Rich text as terminal text. Every string from a view may carry user text, so each is sanitised
 * before styling; nothing is interpreted (`<!channel>` and `@everyone` print as typed: a terminal
 * pings nobody). Neutral mention tokens in text read as `@name`; commands get the console's prefix.
 */
export function inlineText(rich: RichText, styles: Styles): string {
  return rich.map((piece) => inlinePiece(piece, styles)).join('');
}

function inlinePiece(piece: Inline, styles: Styles): string {
  if (typeof piece === 'string') return terminalSafe(replaceMentions(piece, (person) => `@${person.name ?? person.id}`));
  if ('command' in piece) return styles.code(`\`${terminalSafe(piece.command ? `${CONSOLE_PREFIX} ${piece.command}` : CONSOLE_PREFIX)}\``);
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
