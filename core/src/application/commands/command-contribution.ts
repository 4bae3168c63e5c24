import type { RequestContext } from '../incidents/request-context';
import type { CommandName, CommandOf, ParsedCommand } from './command';
import type { CommandCatalog, CommandDescription } from './command-catalog';
import type { CommandReply } from './command-reply';
import type { BuiltInDescription } from './built-in/descriptions';

/** What a command's run gets besides the request: how the platform invokes Muster, and the grammar now. */
export interface CommandCall {
  /** How the request's platform invokes Muster (ctx.prefix, else the canonical one): written into plain-text fallbacks. */
  readonly prefix: string;
  /** The registry's catalogue, built-in and run-time commands: what `help` lists. */
  readonly catalog: CommandCatalog;
}

/**
 * One command bound in the container under TOKENS.CommandContribution: its description (help, usage,
 * aliases, argument parser) and its run. The built-ins are these (commands/built-in/*.commands.ts);
 * a plugin adds its commands at run time through CommandExtensions instead.
 */
export interface CommandContribution<C extends ParsedCommand = ParsedCommand> {
  readonly description: CommandDescription;
  run(ctx: RequestContext, command: C, call: CommandCall): Promise<CommandReply>;
}

/** A built-in command: its run gets its own typed command, never another's. */
export interface BuiltInCommand<N extends CommandName> extends CommandContribution<CommandOf<N>> {
  readonly description: BuiltInDescription<N>;
}
