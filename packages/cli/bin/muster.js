#!/usr/bin/env node
// The `muster` command as npm links it (`npx muster …` at the repository root, right after `npm ci`).
// It is plain JavaScript on purpose: npm links a bin only when its file exists at install time, and
// dist/ does not exist on a fresh clone. In a source checkout it first brings dist/ up to date with
// `tsc -b` (about a second when nothing changed), so a `git pull` never runs yesterday's migrations;
// in an installed package (no TypeScript, no sources) it runs dist/ as it is.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cliDir = join(__dirname, '..');
const root = join(cliDir, '..', '..');
const main = join(cliDir, 'dist', 'main.js');

function typescriptCompiler() {
  if (!existsSync(join(cliDir, 'src', 'main.ts')) || !existsSync(join(root, 'tsconfig.json'))) return undefined;
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return undefined;
  }
}

const tsc = typescriptCompiler();
if (tsc) {
  if (!existsSync(main)) process.stderr.write('muster: building Muster first (tsc -b; once, under a minute)…\n');
  // stdout carries the command's own output (`muster manifest slack > manifest.json`): the build reports on stderr.
  const build = spawnSync(process.execPath, [tsc, '-b'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    process.stderr.write('muster: the build failed (above); fix it, or run `npm run build` to see it again.\n');
    process.exit(1);
  }
} else if (!existsSync(main)) {
  process.stderr.write(`muster: ${main} is missing and TypeScript is not installed: run \`npm ci && npm run build\` in the repository first.\n`);
  process.exit(1);
}
require(main);
