/**
 * Finds the shell commands the READMEs show: every fenced ```sh block of every README.md in the
 * repository, as the lines a reader would paste (comments dropped, `\` continuations joined).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ShellBlock {
  /** `adapters/slack/README.md:17` — where the fence opens. */
  readonly where: string;
  readonly lines: readonly string[];
}

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.nx', 'data']);

export function findReadmes(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.isSymbolicLink()) walk(join(dir, entry.name));
      else if (entry.isFile() && entry.name === 'README.md') found.push(join(dir, entry.name));
    }
  };
  walk(root);
  return found.sort();
}

/** The ```sh blocks of one Markdown text, also inside list items (indented fences). */
export function shellBlocks(markdown: string, file: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trim().startsWith(fence!); j++) body.push(lines[j]!.slice(Math.min(indent!.length, leading(lines[j]!))));
    if (info === 'sh') blocks.push({ where: `${file}:${i + 1}`, lines: commandLines(body) });
    i = j;
  }
  return blocks;
}

const leading = (line: string) => line.length - line.trimStart().length;

/** Drops comments and blank lines, joins `\` continuations. A `#` starts a comment at a word start, outside quotes. */
export function commandLines(body: readonly string[]): string[] {
  const joined: string[] = [];
  let pending = '';
  for (const raw of body) {
    const line = (pending ? stripComment(raw).trimStart() : stripComment(raw)).trimEnd();
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole) joined.push(whole);
  }
  if (pending.trim()) joined.push(pending.trim());
  return joined;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/** Every ```sh block of every README under `root`, with paths relative to it. */
export function readmeShellBlocks(root: string): ShellBlock[] {
  return findReadmes(root).flatMap((path) => shellBlocks(readFileSync(path, 'utf8'), relative(root, path)));
}

/** `a && b` → [a, b]: each part is run, skipped or started on its own, in order. */
export const andList = (line: string): string[] => line.split(/\s+&&\s+/).map((part) => part.trim()).filter(Boolean);
