import { MusterError } from '../../errors';
import type { RuntimeCommand } from '../extensions/extension-points';
import type { CommandDescription } from './command-catalog';
import { DEFAULT_PREFIX } from './command-prefix';

/** One lower-case word, short enough for a usage line; `inc-42` would read as an incident reference. */
const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const LOOKS_LIKE_REFERENCE = /^inc-\d+$/;
// Help shows these on one line each; control characters and line breaks would garble it.
const ONE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
const MAX_SYNTAX = 120;
const MAX_SUMMARY = 200;
const MAX_EXAMPLES = 5;

const refuse = (owner: string, what: string): never => {
  throw new MusterError('invalid_argument', `The command ${owner} tried to add was refused: ${what}.`, { owner });
};

function line(owner: string, field: string, value: unknown, max: number, required: boolean): string {
  if (typeof value !== 'string') return refuse(owner, `its ${field} must be text`);
  const text = value.trim();
  if (required && !text) refuse(owner, `its ${field} is empty`);
  if ([...text].length > max) refuse(owner, `its ${field} is longer than ${max} characters`);
  if (!ONE_LINE.test(text)) refuse(owner, `its ${field} must be one line without control characters`);
  return text;
}

/**
 * What the grammar knows of a command added at run time, checked so that help stays readable and the
 * parser can reach it. Shadowing is the registry's check (it knows the other commands).
 */
export function describeRuntimeCommand(owner: string, command: RuntimeCommand): CommandDescription {
  if (typeof owner !== 'string' || !owner.trim()) throw new MusterError('invalid_argument', 'A run-time command needs the id of its owner (the plugin adding it).');
  const name = command?.name;
  if (typeof name !== 'string' || !NAME.test(name) || LOOKS_LIKE_REFERENCE.test(name)) {
    refuse(owner, `its name must be one lower-case word of letters, digits and dashes (at most 32), not ${JSON.stringify(String(name).slice(0, 40))}`);
  }
  if (typeof command.run !== 'function') refuse(owner, `\`${name}\` has no run function`);
  if (typeof command.takesIncident !== 'boolean') refuse(owner, `\`${name}\` must say whether it takes an incident`);
  const written = line(owner, 'syntax', command.syntax ?? '', MAX_SYNTAX, false);
  // The usage line starts with the command word, as every built-in's does.
  const syntax = written.split(/\s+/)[0] === name ? written : `${name}${written ? ` ${written}` : ''}`;
  const summary = line(owner, 'summary', command.summary, MAX_SUMMARY, true);
  const examples = command.examples ?? [];
  if (!Array.isArray(examples) || examples.length > MAX_EXAMPLES) refuse(owner, `\`${name}\` may show at most ${MAX_EXAMPLES} examples`);
  return {
    info: {
      name, group: 'plugins', syntax, usage: `${DEFAULT_PREFIX} ${syntax}`, summary, aliases: [], takesIncident: command.takesIncident,
      examples: examples.map((e) => line(owner, 'example', e, MAX_SYNTAX, true)),
    },
    runtime: true,
  };
}
