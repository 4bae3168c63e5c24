import { MusterError, userFacingMessage, type MusterErrorCode } from '../../errors';
import { DEFAULT_PREFIX } from '../commands/command-usage';
import { textFor, type Block, type Inline, type RichText, type View } from './view';

/**
 * Errors about what was typed, where the list of commands helps. A refusal (not permitted, not
 * possible from this status, not found) already says what to do; pointing at help there is noise.
 */
const HELP_HELPS: ReadonlySet<MusterErrorCode> = new Set(['invalid_command', 'unknown_subcommand', 'unbalanced_quotes', 'input_too_long']);

/**
 * What a user sees when something they asked for failed. Our own errors show their message and, for
 * a mistyped command, its usage line; anything else shows only the generic line (the details belong
 * in the log, never in chat: no stack, no internal message).
 */
export function errorView(error: unknown, prefix: string = DEFAULT_PREFIX): View {
  const message = withCodeSpans(userFacingMessage(error), prefix);
  const ours = error instanceof MusterError && error.code !== 'internal';
  const usage = ours && error.usage ? asCommand(error.usage, prefix) : undefined;
  const blocks: Block[] = [{ type: 'text', text: message, tone: 'warning' }];
  if (usage) blocks.push({ type: 'text', text: ['Usage: ', usage] });
  if (ours && (usage || HELP_HELPS.has(error.code))) blocks.push({ type: 'context', text: ['Type ', { command: 'help' }, ' for all commands.'] });
  // The fallback is plain text for notifications: the code marks are dropped, not shown as backticks.
  return { fallback: usage ? `${textFor(message, prefix)} Usage: ${textFor([usage], prefix)}` : textFor(message, prefix), blocks };
}

/**
 * Messages mark what to type with backticks. A marked part that starts with the canonical prefix (see
 * commandCode) or with the caller's becomes a command inline, which each renderer shows with its own
 * platform's prefix; other marked parts become code; the rest stays plain text for the renderer to
 * escape. A last backtick without a partner is left as it is, without undoing the pairs before it.
 */
export function withCodeSpans(message: string, prefix: string = DEFAULT_PREFIX): RichText {
  const parts = message.split('`');
  if (parts.length % 2 === 0) parts.splice(parts.length - 2, 2, `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`);
  return parts.flatMap((part, i): Inline[] => (part === '' ? [] : i % 2 === 1 ? [asCommand(part, prefix)] : [part]));
}

/**
 * A code span naming a typed command (the canonical prefix or the caller's, then `note <text>`) as a
 * command inline, so each platform shows it with its own prefix; anything else stays code.
 */
function asCommand(typed: string, prefix: string): Inline {
  for (const known of new Set([DEFAULT_PREFIX, prefix])) {
    if (typed === known) return { command: '' };
    if (typed.startsWith(`${known} `)) return { command: typed.slice(known.length + 1) };
  }
  return { code: typed };
}
