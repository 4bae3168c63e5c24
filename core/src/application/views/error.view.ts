import { MusterError, userFacingMessage, type MusterErrorCode } from '../../errors';
import { DEFAULT_PREFIX, withPrefix } from '../commands/command-usage';
import { textOf, type Block, type Inline, type RichText, type View } from './view';

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
  const usage = ours && error.usage ? platformPrefix(error.usage, prefix) : undefined;
  const blocks: Block[] = [{ type: 'text', text: message, tone: 'warning' }];
  if (usage) blocks.push({ type: 'text', text: ['Usage: ', { code: usage }] });
  if (ours && (usage || HELP_HELPS.has(error.code))) blocks.push({ type: 'context', text: ['Type ', { code: withPrefix('help', prefix) }, ' for all commands.'] });
  // The fallback is plain text for notifications: the code marks are dropped, not shown as backticks.
  return { fallback: usage ? `${textOf(message)} Usage: ${usage}` : textOf(message), blocks };
}

/**
 * Messages mark what to type with backticks, in the canonical grammar (see commandCode). Those parts
 * become code, with the canonical prefix swapped for the platform's; the rest stays plain text for the
 * renderer to escape. A last backtick without a partner is left as it is, without undoing the pairs before it.
 */
export function withCodeSpans(message: string, prefix: string = DEFAULT_PREFIX): RichText {
  const parts = message.split('`');
  if (parts.length % 2 === 0) parts.splice(parts.length - 2, 2, `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`);
  return parts.flatMap((part, i): Inline[] => (part === '' ? [] : i % 2 === 1 ? [{ code: platformPrefix(part, prefix) }] : [part]));
}

/** A command written with the canonical prefix, as the platform's users type it. */
function platformPrefix(command: string, prefix: string): string {
  if (prefix === DEFAULT_PREFIX) return command;
  if (command === DEFAULT_PREFIX) return prefix;
  return command.startsWith(`${DEFAULT_PREFIX} `) ? `${prefix}${command.slice(DEFAULT_PREFIX.length)}` : command;
}
