import type { Newable } from 'inversify';
import type { CommandContribution } from '../command-contribution';
import { ActionCommand, ActionsCommand, CloseCommand, PostmortemCommand, TimelineCommand } from './after.commands';
import { HelpCommand, PluginsAdminCommand } from './admin.commands';
import { NoteCommand, SummaryCommand, UpdateCommand } from './communicating.commands';
import { DeclareCommand, ListCommand, ServicesCommand, StatusCommand } from './declaring.commands';
import { WorkflowsCommand } from './workflows.commands';
import { AckCommand, AssignCommand, DeclineCommand, MitigateCommand, ReopenCommand, ResolveCommand, SeverityCommand } from './running.commands';

/**
 * The built-in commands, bound under TOKENS.CommandContribution in this order: the order of the
 * descriptions (descriptions.ts), which is the order help lists them in.
 */
export const BUILT_IN_COMMANDS: readonly Newable<CommandContribution>[] = [
  DeclareCommand, StatusCommand, ListCommand, ServicesCommand,
  AckCommand, SeverityCommand, AssignCommand, MitigateCommand, ResolveCommand, ReopenCommand, DeclineCommand,
  SummaryCommand, UpdateCommand, NoteCommand,
  ActionCommand, ActionsCommand, TimelineCommand, PostmortemCommand, CloseCommand,
  WorkflowsCommand, PluginsAdminCommand, HelpCommand,
] as readonly Newable<CommandContribution>[];
