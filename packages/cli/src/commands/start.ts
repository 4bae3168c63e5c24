import { runServerProcess } from '@muster/server';
import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine } from '../command-line';

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start',
  summary: 'run the server (HTTP, outbox, and the console chat when stdin is a terminal)',
  async run(args) {
    // It takes nothing: a stray word or option is refused rather than ignored.
    try {
      readCommandLine(args, {}, 'muster start');
    } catch (error) {
      return refusedCommandLine(error);
    }
    await runServerProcess();
    // The server sets the exit code itself when it fails to start, and exits on SIGTERM/SIGINT.
    return -1;
  },
};
