import type { CommandName } from './command';
import { CommandCatalog, type CommandInfo } from './command-catalog';
import { BUILT_IN_DESCRIPTIONS } from './built-in/descriptions';
import { withPrefix } from './command-prefix';

export { DEFAULT_PREFIX, commandCode, withPrefix, generalUsage } from './command-prefix';
export { COMMAND_GROUPS, CommandCatalog, type CommandGroup, type CommandInfo, type CommandDescription, type ArgumentParser } from './command-catalog';

/**
 * The built-in commands, without any added at run time: what the Teams manifest lists and what
 * messages written outside a request (`usageLine('note')`) refer to. Requests read the registry's
 * catalogue (CommandRegistry.catalog()), which starts with these.
 */
export const BUILT_IN_CATALOG = new CommandCatalog(BUILT_IN_DESCRIPTIONS);

export type BuiltInCommandInfo = CommandInfo & { readonly name: CommandName };

export const COMMANDS: readonly BuiltInCommandInfo[] = BUILT_IN_CATALOG.commands as readonly BuiltInCommandInfo[];

/** Every word that names a built-in command (names and aliases, lower case) and the command it names. */
export const COMMAND_WORDS = BUILT_IN_CATALOG.words as ReadonlyMap<string, CommandName>;

export function commandInfo(name: CommandName): BuiltInCommandInfo {
  return BUILT_IN_CATALOG.info(name) as BuiltInCommandInfo;
}

/** The built-in command a typed word names, ignoring case, or undefined. */
export function commandNamed(word: string): CommandName | undefined {
  return BUILT_IN_CATALOG.named(word) as CommandName | undefined;
}

/** The usage line of one built-in command, with the given prefix in front. */
export const usageLine = (name: CommandName, prefix?: string): string => withPrefix(commandInfo(name).syntax, prefix);

/** The usage line of one command with the default prefix. */
export const usageOf = (name: CommandName): string => usageLine(name);
