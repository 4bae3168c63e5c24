import { parseArgs } from 'node:util';
import { isMusterError, MusterError } from '@muster/core';
import { printable } from './text';

/** The options one command takes, by long name: a flag (`--json`) or an option with a value (`--out <file>`). */
export type OptionKinds = Readonly<Record<string, 'boolean' | 'string'>>;

export interface CommandLine<O extends OptionKinds> {
  /** The words that are not options, in order (only when the command allows them). */
  readonly positionals: readonly string[];
  readonly options: { readonly [K in keyof O]?: O[K] extends 'string' ? string : true };
}

/** What is wrong with a command line, for the command to word (`arg` is the argument as typed). */
export type CommandLineProblem =
  | { readonly kind: 'unknown-option'; readonly arg: string }
  | { readonly kind: 'unexpected'; readonly arg: string }
  | { readonly kind: 'missing-value'; readonly option: string }
  | { readonly kind: 'repeated'; readonly option: string };

export function describeProblem(problem: CommandLineProblem): string {
  switch (problem.kind) {
    case 'unknown-option': return `unknown option ${printable(problem.arg)}`;
    case 'unexpected': return `unexpected "${printable(problem.arg)}"`;
    case 'missing-value': return `--${problem.option} needs a value`;
    case 'repeated': return `--${problem.option} is given twice`;
  }
}

export interface ReadOptions {
  readonly positionals?: boolean;
  /** Words the problem for the command's own message; `describeProblem` when not given. */
  readonly describe?: (problem: CommandLineProblem) => string;
}

/**
 * Reads a command line with `node:util` `parseArgs` and refuses, as a `MusterError('invalid_argument')`
 * carrying `usage`, an unknown option, a flag given a value, an option without one, a value given
 * twice, or a word where none is taken. parseArgs runs non-strict so the refusal can name the argument
 * as typed, made printable (its own strict errors echo control characters and speak of "ambiguous"
 * arguments); a separate value starting with `--` is another option, so the one before has no value.
 */
export function readCommandLine<const O extends OptionKinds>(args: readonly string[], kinds: O, usage: string, read: ReadOptions = {}): CommandLine<O> {
  const refuse = (problem: CommandLineProblem) => new MusterError('invalid_argument', `${(read.describe ?? describeProblem)(problem)}. Usage: ${usage}`);
  const options = Object.fromEntries(Object.entries(kinds).map(([name, type]) => [name, { type }]));
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const given: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    const arg = args[token.index]!;
    if (token.kind === 'positional') {
      if (!read.positionals) throw refuse({ kind: 'unexpected', arg });
      positionals.push(token.value);
      continue;
    }
    const kind = token.rawName.startsWith('--') && Object.hasOwn(kinds, token.name) ? kinds[token.name] : undefined;
    if (!kind || (kind === 'boolean' && token.value !== undefined)) throw refuse({ kind: 'unknown-option', arg });
    const value = kind === 'boolean' ? true : token.value;
    if (value === undefined || (typeof value === 'string' && !token.inlineValue && value.startsWith('--'))) throw refuse({ kind: 'missing-value', option: token.name });
    // A flag twice says the same thing twice; a value twice leaves open which one is meant.
    if (kind === 'string' && Object.hasOwn(given, token.name)) throw refuse({ kind: 'repeated', option: token.name });
    given[token.name] = value;
  }
  return { positionals, options: given as CommandLine<O>['options'] };
}

/** Prints a refused command line as one line and gives its exit code, 2; anything else is not a usage error and goes on up. */
export function refusedCommandLine(error: unknown): number {
  if (!isMusterError(error, 'invalid_argument')) throw error;
  process.stderr.write(`muster: ${error.message}\n`);
  return 2;
}
