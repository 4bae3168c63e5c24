// Lint and the house's dependency rules (ARCHITECTURE.md section 2), run by `npm test`.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = import.meta.dirname;
/** Every workspace package: its own imports must be declared in its own package.json. */
const WORKSPACES = ['core', 'test', 'bench', ...['adapters', 'packages', 'plugins'].flatMap((d) => existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => `${d}/${n}`) : [])]
  .filter((dir) => existsSync(join(root, dir, 'package.json')));
const SPECS = ['**/*.spec.ts', '**/*.spec-helper.ts', '**/testing/**'];

const PLATFORM_BOUND = ['@slack/*', '@microsoft/*', 'botbuilder', 'botbuilder-*', 'typeorm', 'mysql2', 'mysql2/*', 'better-sqlite3', 'openai', 'express', 'fastify', 'ioredis', 'bullmq', 'pino', 'node:*', 'http', 'https', 'fs', 'net', 'child_process'];
/** No package reaches into another's build output or sources: only its public entry point. */
const INTERNALS = [{ group: ['@muster/*/dist/*', '@muster/*/src/*', '**/../*/dist/*', '**/../../*/src/*'], message: 'Import the package by its name, not its internals.' }];
const restrict = (patterns, message) => ['error', { patterns: [...INTERNALS, ...(patterns.length ? [{ group: patterns, message }] : [])] }];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', '.nx/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      'no-restricted-imports': restrict([], ''),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...WORKSPACES.flatMap((dir) => [
    {
      files: [`${dir}/**/*.ts`],
      rules: { 'import-x/no-extraneous-dependencies': ['error', { packageDir: [join(root, dir)], devDependencies: false, includeTypes: true }] },
    },
    {
      // Specs and test kits may also use the test tools the root declares (mocha, chai, fast-check);
      // the test and bench workspaces are test code throughout.
      files: dir === 'test' || dir === 'bench' ? [`${dir}/**/*.ts`] : SPECS.map((glob) => `${dir}/${glob}`),
      rules: { 'import-x/no-extraneous-dependencies': ['error', { packageDir: [join(root, dir), root], devDependencies: true, includeTypes: true }] },
    },
  ]),
  {
    files: ['core/src/**/*.ts'],
    ignores: ['core/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict([...PLATFORM_BOUND, '@muster/*'], 'core knows no SDK, database, HTTP, file system or other Muster package.'),
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only the server reads configuration.' }],
    },
  },
  {
    files: ['adapters/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['@muster/store', '@muster/server', '@muster/cli', '@muster/summarizer', '@muster/slack', '@muster/teams', '@muster/console'].map((p) => p), 'Adapters are transport only: they import core and their own SDK, never the store, the server or another adapter.'),
    },
  },
  {
    files: ['packages/store/src/**/*.ts', 'packages/summarizer/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['@muster/slack', '@muster/teams', '@muster/console', '@muster/server', '@slack/*', '@microsoft/*', 'botbuilder'], 'The store and the summarizer implement core ports; they never see a platform.'),
    },
  },
  {
    files: ['plugins/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['@muster/core', '@muster/store', '@muster/server', '@muster/slack', '@muster/teams', '@muster/console', '@muster/summarizer'], 'Plugins depend on @muster/plugin-sdk only.'),
    },
  },
);
