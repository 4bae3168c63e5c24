import type { CommandName, ParsedCommand } from './command';
import { COMMANDS, COMMAND_WORDS, DEFAULT_PREFIX, commandInfo, commandNamed, generalUsage, usageLine } from './command-usage';
import { parseDeclare } from './declare-parser';
import { parseAction, parseAssign, parseHelp, parseNote, parsePlugins, parseSeverityChange, parseUpdate } from './argument-parsers';
import { parseActions, parseList, parsePostmortem } from './follow-up-parsers';
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

const ARGUMENT_PARSERS: Partial<Record<CommandName, (ctx: ArgumentContext) => ParsedCommand>> = {
  declare: parseDeclare,
  sev: parseSeverityChange,
  assign: parseAssign,
  update: parseUpdate,
  note: parseNote,
  action: parseAction,
  list: parseList,
  actions: parseActions,
  postmortem: parsePostmortem,
  plugins: parsePlugins,
  help: parseHelp,
};

/**
 * Turns what someone typed into a command. The one place that reads command text, for every platform.
 *
 * Throws only `MusterError`, with a code from {@link PARSE_ERROR_CODES}, a message that says what to
 * type instead, and `details.usage` (the usage line of the command concerned, or the general one).
 */
export function parseCommand(text: string, catalogs: CommandCatalogs, options: ParseOptions = {}): ParsedCommand {
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

  const name = commandNamed(word.value) ?? unknownCommand(word.value, prefix);
  const usage = usageLine(name, prefix);
  if (incidentRef && !commandInfo(name).takesIncident) {
    throw parseError('invalid_argument', `\`${name}\` does not act on an existing incident, so leave out ${incidentRef}: type \`${usage}\`.`, usage, { incidentRef });
  }

  const ctx: ArgumentContext = { name, input, from: word.end, usage, prefix, catalogs };
  const parse = ARGUMENT_PARSERS[name] ?? noArguments;
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

function unknownCommand(word: string, prefix: string): never {
  const guess = nearest(word, COMMAND_WORDS);
  if (guess) {
    throw parseError('unknown_subcommand', `There is no command ${echo(word)}. Did you mean \`${guess}\`? Type \`${usageLine(guess, prefix)}\`.`, usageLine(guess, prefix), {
      command: word,
      suggestion: guess,
    });
  }
  throw parseError(
    'unknown_subcommand',
    `There is no command ${echo(word)}. To declare an incident, type ${typeThis({ prefix }, 'declare <title>')}; ${typeThis({ prefix }, 'help')} lists every command.`,
    generalUsage(prefix),
    { command: word, known: COMMANDS.map((c) => c.name) },
  );
}
