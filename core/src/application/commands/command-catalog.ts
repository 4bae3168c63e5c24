import { MusterError } from '../../errors';
import type { ParsedCommand } from './command';
import { withPrefix, DEFAULT_PREFIX } from './command-prefix';
import type { ArgumentContext } from './parse-context';

/** Help groups, in the order a responder meets them during an incident; run-time commands have their own. */
export type CommandGroup = 'declaring' | 'running' | 'communicating' | 'after' | 'plugins' | 'admin';

export const COMMAND_GROUPS: readonly { readonly group: CommandGroup; readonly title: string }[] = [
  { group: 'declaring', title: 'Declaring' },
  { group: 'running', title: 'Running the response' },
  { group: 'communicating', title: 'Communicating' },
  { group: 'after', title: 'Afterwards' },
  { group: 'plugins', title: 'Plugins' },
  { group: 'admin', title: 'Admin and help' },
];

export interface CommandInfo {
  /** The command word: a built-in's CommandName, or the one word a run-time command registered. */
  readonly name: string;
  readonly group: CommandGroup;
  /** The usage line without the prefix: `sev <level>`. */
  readonly syntax: string;
  /** The usage line with the default prefix, like the canonical sev <level>. */
  readonly usage: string;
  readonly summary: string;
  /** What people type after the prefix; show them with `withPrefix`. */
  readonly examples: readonly string[];
  /** Other words accepted for the command (case-insensitive). */
  readonly aliases: readonly string[];
  /** Whether the command acts on an incident, so an `INC-42` reference in front of it makes sense. */
  readonly takesIncident: boolean;
}

/** Reads the words after a built-in command (from `ctx.from`) into its typed command. */
export type ArgumentParser = (ctx: ArgumentContext) => ParsedCommand;

/** What the grammar knows of one command: what help shows, and how the words after it are read. */
export interface CommandDescription {
  readonly info: CommandInfo;
  /** A built-in's argument parser; absent, the command takes nothing after it. */
  readonly parse?: ArgumentParser;
  /** A command added at run time: it parses as `{ kind: 'runtime', name, args }` and its owner reads `args`. */
  readonly runtime?: boolean;
}

/**
 * The commands the grammar knows at one moment: built-ins first, then run-time ones, in that order for
 * help and for "did you mean" ties. Immutable: the registry builds a new one when a command comes or goes,
 * so a parse in flight keeps the catalogue it began with.
 */
export class CommandCatalog {
  readonly commands: readonly CommandInfo[];
  /** Every word that names a command (names and aliases, lower case) and the command it names. */
  readonly words: ReadonlyMap<string, string>;
  private readonly byName: ReadonlyMap<string, CommandDescription>;

  constructor(readonly descriptions: readonly CommandDescription[]) {
    const words = new Map<string, string>();
    for (const { info } of descriptions) {
      for (const word of [info.name, ...info.aliases].map((w) => w.toLowerCase())) {
        const taken = words.get(word);
        if (taken) throw new MusterError('configuration', `Two commands answer to "${word}" (${taken} and ${info.name}); each word may name one command.`);
        words.set(word, info.name);
      }
    }
    this.words = words;
    this.commands = descriptions.map((d) => d.info);
    this.byName = new Map(descriptions.map((d) => [d.info.name, d]));
  }

  /** The command a typed word names, ignoring case, or undefined. */
  named(word: string): string | undefined {
    return this.words.get(word.toLowerCase());
  }

  description(name: string): CommandDescription | undefined {
    return this.byName.get(name);
  }

  info(name: string): CommandInfo {
    const found = this.byName.get(name);
    if (!found) throw new RangeError(`No usage is written for the command "${name}".`);
    return found.info;
  }

  /** The usage line of one command, with the given prefix in front. */
  usageLine(name: string, prefix: string = DEFAULT_PREFIX): string {
    return withPrefix(this.info(name).syntax, prefix);
  }

  /** A catalogue with `more` after these commands. */
  with(more: readonly CommandDescription[]): CommandCatalog {
    return more.length === 0 ? this : new CommandCatalog([...this.descriptions, ...more]);
  }
}
