import { MusterError, type MusterErrorCode } from '../../errors';
import type { RoleCatalog } from '../../domain/roles';
import type { SeverityCatalog } from '../../domain/severity';
import type { CommandName } from './command';
import type { CommandCatalog } from './command-catalog';
import { withPrefix } from './command-prefix';
import { nearest } from './suggest';

/** The configured catalogues the parser checks severities and roles against. */
export interface CommandCatalogs {
  readonly severities: SeverityCatalog;
  readonly roles: RoleCatalog;
}

/** Every code `parseCommand` throws; callers and tests may rely on nothing else coming out of it. */
export const PARSE_ERROR_CODES = [
  'unknown_subcommand',
  'missing_argument',
  'invalid_argument',
  'unknown_severity',
  'unknown_role',
  'unbalanced_quotes',
  'input_too_long',
] as const satisfies readonly MusterErrorCode[];

export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

/** What the parser of one command's arguments works with. */
export interface ArgumentContext {
  readonly name: CommandName;
  /** The cleaned input (control characters removed, prefix stripped). */
  readonly input: string;
  /** Where the arguments start in `input`: just after the command word. */
  readonly from: number;
  /** The usage line of this command, with the caller's prefix. */
  readonly usage: string;
  readonly prefix: string;
  readonly catalogs: CommandCatalogs;
  /** Every command the grammar knows now, built-in and run-time: what `help <command>` may name. */
  readonly commands: CommandCatalog;
}

/**
 * An error about how a command was typed. Messages mark what to type with backticks; the error view
 * shows those parts as code, and logs and API clients still read plain sentences.
 */
export function parseError(code: ParseErrorCode, message: string, usage: string, details: Record<string, unknown> = {}): MusterError {
  return new MusterError(code, message, { ...details, usage });
}

/** Something to type, with the caller's prefix, ready to sit inside a message, marked as code. */
export const typeThis = (ctx: { readonly prefix: string }, text: string): string => `\`${withPrefix(text, ctx.prefix)}\``;

/**
 * User text quoted back inside a message: one line, bounded, and without backticks (which mark code
 * in messages, so a stray one would garble the rest of the sentence).
 */
export function echo(text: string, max = 40): string {
  const line = [...text.replace(/\s+/g, ' ').trim().replace(/`/g, "'")];
  return `“${line.length > max ? `${line.slice(0, max).join('')}…` : line.join('')}”`;
}

/** `a, b or c` */
export function either(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

const codes = (words: readonly string[]): string[] => words.map((w) => `\`${w}\``);

/** Resolves a typed severity through the catalogue (`sev1` → `SEV1`), or explains which ones exist. */
export function resolveSeverity(typed: string, ctx: ArgumentContext, example: (level: string) => string): string {
  const { severities } = ctx.catalogs;
  const level = severities.find(typed);
  if (level) return level.id;
  const ids = severities.ids();
  // People say "sev 1" and type `1`; the catalogue is configurable, so only suggest what exists.
  const guess = nearest(typed, ids.map((id) => [id, id] as const)) ?? (/^\d+$/.test(typed.trim()) ? severities.find(`SEV${typed.trim()}`)?.id : undefined);
  const hint = guess ? `Did you mean \`${guess}\`? ` : '';
  throw parseError(
    'unknown_severity',
    `There is no severity ${echo(typed)}. ${hint}Choose one of ${either(codes(ids))}, e.g. ${typeThis(ctx, example(guess ?? ids[0]))}.`,
    ctx.usage,
    { severity: typed, allowed: ids },
  );
}

/** A word that starts with `--` is an option; commands other than `declare` take none. */
export const looksLikeOption = (token: { readonly value: string; readonly quoted: boolean }): boolean =>
  !token.quoted && /^--\p{L}/u.test(token.value);

export function refuseOption(optionWord: string, ctx: ArgumentContext): never {
  throw parseError(
    'invalid_argument',
    `\`${ctx.name}\` takes no options, so ${echo(optionWord.split('=')[0])} is not understood. Type \`${ctx.usage}\`.`,
    ctx.usage,
    { option: optionWord },
  );
}
