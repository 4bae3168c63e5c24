import { runServerProcess } from '@muster/server';
import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine } from '../command-line';

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start [--no-worker]',
  summary: 'run the server (HTTP, outbox, and the console chat when stdin is a terminal); --no-worker leaves the queues to `muster worker`',
  async run(args) {
    // A stray word or option is refused rather than ignored.
    let noWorker = false;
    try {
      noWorker = !!readCommandLine(args, { 'no-worker': 'boolean' }, 'muster start [--no-worker]').options['no-worker'];
    } catch (error) {
      return refusedCommandLine(error);
    }
    await runServerProcess({ noWorker });
    // The server sets the exit code itself when it fails to start, and exits on SIGTERM/SIGINT.
    return -1;
  },
};
