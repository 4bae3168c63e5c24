import type { PluginCommand } from '@muster/plugin-sdk';

const COMMAND_NAME = /^[a-z][a-z0-9-]{1,30}$/;

/** What is wrong with a command a plugin registers, or undefined (the registry checks names against the built-ins). */
export function commandProblem(command: PluginCommand, already: readonly PluginCommand[]): string | undefined {
  if (!command || typeof command !== 'object') return 'registerCommand needs a command object.';
  if (typeof command.name !== 'string' || !COMMAND_NAME.test(command.name)) return `A command name must be one lower-case word (got ${JSON.stringify(command.name)}).`;
  if (already.some((c) => c.name === command.name)) return `The command "${command.name}" is registered twice.`;
  if (typeof command.run !== 'function') return `The command "${command.name}" has no run function.`;
  if (typeof command.syntax !== 'string' || typeof command.summary !== 'string') return `The command "${command.name}" needs a syntax and a summary.`;
  return undefined;
}
