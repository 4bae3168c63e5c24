import { runServerProcess } from '@muster/server';
import type { CliCommand } from '../cli-command';

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start',
  summary: 'run the server (HTTP, outbox, and the console chat when stdin is a terminal)',
  async run() {
    await runServerProcess();
    // The server sets the exit code itself when it fails to start, and exits on SIGTERM/SIGINT.
    return -1;
  },
};
