#!/usr/bin/env node
// Decorated classes (inversify, TypeORM) read their metadata through this polyfill: it loads before anything else.
import 'reflect-metadata';
import { describeStartError } from '@muster/server';
import { COMMANDS, usage } from './command-table';

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`muster: there is no command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    // `start` keeps the process alive and decides its own exit; the other commands end here.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeStartError(error, process.env.MUSTER_LOG_LEVEL === 'debug')}\n`);
    process.exitCode = 1;
  },
);
