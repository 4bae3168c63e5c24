import { expect } from 'chai';
import { MusterError } from '../../errors';
import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import type { CommandName, ParsedCommand } from './command';
import { parseCommand, type ParseOptions } from './command-parser';
import type { CommandCatalogs } from './parse-context';

/** Shared by the parser specs: the default catalogues and parse helpers that fail the test clearly. */
export const catalogs: CommandCatalogs = { severities: new SeverityCatalog(), roles: new RoleCatalog() };
export const parse = (text: string, options?: ParseOptions): ParsedCommand => parseCommand(text, catalogs, options);

/** The MusterError that parsing `text` throws; fails the test when it returns or throws anything else. */
export function failure(text: string, options?: ParseOptions, using: CommandCatalogs = catalogs): MusterError {
  let result: ParsedCommand;
  try {
    result = parseCommand(text, using, options);
  } catch (error) {
    expect(error).to.be.instanceOf(MusterError);
    return error as MusterError;
  }
  expect.fail(`expected ${JSON.stringify(text)} to be refused, but it parsed as ${JSON.stringify(result)}`);
}

/** Parses `text`, checks it is the `name` command, and narrows the type to it. */
export function parseAs<N extends CommandName>(name: N, text: string): Extract<ParsedCommand, { readonly name: N }> {
  const parsed = parse(text);
  expect(parsed.name, text).to.equal(name);
  return parsed as Extract<ParsedCommand, { readonly name: N }>;
}

export const declared = (text: string) => parseAs('declare', text);
