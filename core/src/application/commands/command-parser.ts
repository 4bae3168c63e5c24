import type { AnyParsedCommand, CommandName, ParsedCommand } from './command';
import type { CommandCatalog } from './command-catalog';
import { DEFAULT_PREFIX, generalUsage } from './command-prefix';
import { BUILT_IN_CATALOG } from './command-usage';
import { echo, parseError, typeThis, type ArgumentContext, type CommandCatalogs } from './parse-context';
import { nearest } from './suggest';
import { MAX_INPUT_LENGTH, codePointLength, isLongerThan, readToken, removeControlCharacters } from './tokenizer';

export interface ParseOptions {
  /** What the user typed before the command, used in usage lines and hints: /incident (default), @Muster. */
  readonly prefix?: string;
}

/** /incident or incident in front of the command; Teams adapters strip their own @mention first. */
const LEADING_PREFIX = /^\s*\/?incident(?=\s|$)/i;

const INCIDENT_REF = /^inc-\d+$/i;

/** `inc-42` → `INC-42`, or undefined when the word is not an incident reference. */
export const asIncidentRef = (word: string): string | undefined => (INCIDENT_REF.test(word) ? word.toUpperCase() : undefined);

/**
 * Turns what someone typed into one of the built-in commands (the grammar without run-time additions).
 * See {@link parseAnyCommand}.
 */
export function parseCommand(text: string, catalogs: CommandCatalogs, options: ParseOptions = {}): ParsedCommand {
  // The built-in catalogue has no run-time entries, so nothing else can come out.
  return parseAnyCommand(BUILT_IN_CATALOG, text, catalogs, options) as ParsedCommand;
}

/**
 * Turns what someone typed into a command of `commands` (the registry's catalogue: built-ins and
 * run-time ones). The one place that reads command text, for every platform.
 *
 * Throws only `MusterError`, with a code from {@link PARSE_ERROR_CODES}, a message that says what to
 * type instead, and `details.usage` (the usage line of the command concerned, or the general one).
 */
export function parseAnyCommand(commands: CommandCatalog, text: string, catalogs: CommandCatalogs, options: ParseOptions = {}): AnyParsedCommand {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const general = generalUsage(prefix);
  // Typed callers always pass a string; a JavaScript caller or a bad payload might not.
  if (typeof text !== 'string') {
    throw parseError('invalid_argument', `That command could not be read. Type ${typeThis({ prefix }, 'help')} to see every command.`, general);
  }
  if (isLongerThan(text, MAX_INPUT_LENGTH)) {
    throw parseError(
      'input_too_long',
      `That is ${codePointLength(text)} characters; a command can be at most ${MAX_INPUT_LENGTH}. Shorten it, or split long text over several ${typeThis({ prefix }, 'note <text>')} commands.`,
      general,
      { length: codePointLength(text), max: MAX_INPUT_LENGTH },
    );
  }

  const input = removeControlCharacters(text).replace(LEADING_PREFIX, '');
  let word = readToken(input, 0, general);
  if (!word) return { name: 'help' };

  const incidentRef = asIncidentRef(word.value);
  if (incidentRef) {
    word = readToken(input, word.end, general);
    // A bare reference asks about that incident.
    if (!word) return { name: 'status', incidentRef };
    if (asIncidentRef(word.value)) {
      throw parseError('invalid_argument', `Give one incident reference, then the command, e.g. ${typeThis({ prefix }, `${incidentRef} status`)}.`, general, {
        incidentRef: [incidentRef, asIncidentRef(word.value)],
      });
    }
  }

  const name = commands.named(word.value) ?? unknownCommand(word.value, prefix, commands);
  const usage = commands.usageLine(name, prefix);
  const description = commands.description(name)!;
  if (incidentRef && !description.info.takesIncident) {
    throw parseError('invalid_argument', `\`${name}\` does not act on an existing incident, so leave out ${incidentRef}: type \`${usage}\`.`, usage, { incidentRef });
  }

  if (description.runtime) {
    const args = input.slice(word.end).trim();
    return { kind: 'runtime', name, args, ...(incidentRef ? { incidentRef } : {}) };
  }
  const ctx: ArgumentContext = { name: name as CommandName, input, from: word.end, usage, prefix, catalogs, commands };
  const parse = description.parse ?? noArguments;
  const parsed = parse(ctx);
  return incidentRef ? { incidentRef, ...parsed } : parsed;
}

/** `ack`, `resolve`, `status` and the like take nothing after them: extra words are likely a mistake. */
function noArguments(ctx: ArgumentContext): ParsedCommand {
  const extra = ctx.input.slice(ctx.from).trim();
  if (extra) {
    const ref = asIncidentRef(extra);
    const instead = ref
      ? `To ${ctx.name} ${ref}, put the reference first: ${typeThis(ctx, `${ref} ${ctx.name}`)}.`
      : `Type ${typeThis(ctx, ctx.name)} on its own, and add context with ${typeThis(ctx, 'note <text>')}.`;
    throw parseError('invalid_argument', `\`${ctx.name}\` takes nothing after it, but got ${echo(extra)}. ${instead}`, ctx.usage, { extra });
  }
  // Every name without an argument parser is argument-less, so the bare name is the whole command.
  return { name: ctx.name } as ParsedCommand;
}

function unknownCommand(word: string, prefix: string, commands: CommandCatalog): never {
  const guess = nearest(word, commands.words);
  if (guess) {
    const usage = commands.usageLine(guess, prefix);
    throw parseError('unknown_subcommand', `There is no command ${echo(word)}. Did you mean \`${guess}\`? Type \`${usage}\`.`, usage, {
      command: word,
      suggestion: guess,
    });
  }
  throw parseError(
    'unknown_subcommand',
    `There is no command ${echo(word)}. To declare an incident, type ${typeThis({ prefix }, 'declare <title>')}; ${typeThis({ prefix }, 'help')} lists every command.`,
    generalUsage(prefix),
    { command: word, known: commands.commands.map((c) => c.name) },
  );
}
