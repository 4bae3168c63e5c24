import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { Problems } from './problems';

export const DEFAULT_CONFIG_FILE = 'muster.yaml';

/** Where muster.yaml is: `MUSTER_CONFIG` (must exist), else ./muster.yaml when present, else none. */
export function locateConfigFile(explicit: string | undefined, cwd: string): { path?: string; explicit: boolean } {
  if (explicit) return { path: resolve(cwd, explicit), explicit: true };
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return { path: existsSync(fallback) ? fallback : undefined, explicit: false };
}

/**
 * Reads and parses the file. Syntax errors are reported with their line and column; YAML features
 * that would make the file mean something other than what it shows (duplicate keys) are errors too.
 */
export function readYamlFile(path: string, problems: Problems): unknown {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.addLine(code === 'ENOENT' ? 'the file does not exist (MUSTER_CONFIG names it)' : `the file cannot be read (${code ?? 'unknown error'})`);
    return undefined;
  }
  // Warnings (a list used as a key, an unknown tag) would print to stderr beside the one line a failed start gives.
  const document = parseDocument(source, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const { line, column } = positionOf(source, first.pos[0]);
    problems.addLine(`is not valid YAML at line ${line}, column ${column}: ${first.message.split('\n')[0]}`);
    return undefined;
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Parsed, but not turned into values: an alias without its anchor, or aliases that multiply without end.
    problems.addLine(`is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/** 1-based line and column of a character offset. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
