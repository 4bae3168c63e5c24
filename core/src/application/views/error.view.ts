import { MusterError, userFacingMessage } from '../../errors';
import { DEFAULT_PREFIX, withPrefix } from '../commands/command-usage';
import type { Block, Inline, RichText, View } from './view';

/**
 * What a user sees when something they asked for failed. Our own errors show their message and, for
 * a mistyped command, its usage line; anything else shows only the generic line (the details belong
 * in the log, never in chat: no stack, no internal message).
 */
export function errorView(error: unknown, prefix: string = DEFAULT_PREFIX): View {
  const message = userFacingMessage(error);
  const ours = error instanceof MusterError && error.code !== 'internal';
  const usage = ours ? error.usage : undefined;
  const blocks: Block[] = [{ type: 'text', text: withCodeSpans(message), tone: 'warning' }];
  if (usage) blocks.push({ type: 'text', text: ['Usage: ', { code: usage }] });
  if (ours) blocks.push({ type: 'context', text: ['Type ', { code: withPrefix('help', prefix) }, ' for all commands.'] });
  return { fallback: usage ? `${message} Usage: ${usage}` : message, blocks };
}

/**
 * Messages mark what to type with backticks (`` `/incident sev SEV1` ``). Those parts become code;
 * the rest stays plain text for the renderer to escape. Unpaired backticks are left as they are.
 */
export function withCodeSpans(message: string): RichText {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return [message];
  return parts.flatMap((part, i): Inline[] => (part === '' ? [] : i % 2 === 1 ? [{ code: part }] : [part]));
}
