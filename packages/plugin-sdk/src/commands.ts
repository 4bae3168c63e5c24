import type { PluginIncident, PluginPerson } from './incident';

/**
 * A chat command a plugin adds to the grammar: `/incident <name> <args>` in Slack, `@Muster <name> <args>`
 * in Teams. Names are one lower-case word and may not shadow a built-in command. Muster parses the
 * prefix and an optional incident reference; the rest reaches `run` as `args`, trimmed.
 */
export interface PluginCommand {
  readonly name: string;
  /** The usage line without the prefix: `page <service|@person>`. */
  readonly syntax: string;
  readonly summary: string;
  readonly examples?: readonly string[];
  /** Whether the command acts on an incident (then Muster finds it, checks access, and passes it). */
  readonly takesIncident: boolean;
  run(invocation: CommandInvocation): Promise<CommandAnswer> | CommandAnswer;
}

export interface CommandInvocation {
  readonly args: string;
  readonly actor: PluginPerson;
  /** The incident the command is about, when `takesIncident`; access has been checked. */
  readonly incident?: PluginIncident;
}

/** Plain text (Muster escapes it); `in_channel` posts it in the room, `ephemeral` (default) to the asker. */
export interface CommandAnswer {
  readonly text: string;
  readonly visibility?: 'ephemeral' | 'in_channel';
}
