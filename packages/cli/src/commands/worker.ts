import { runWorkerProcess } from '@muster/server';
import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine } from '../command-line';

export const workerCommand: CliCommand = {
  name: 'worker',
  usage: 'worker',
  summary: 'work the shared job queues only (needs REDIS_URL and MySQL/MariaDB); probes on MUSTER_PORT',
  async run(args) {
    try {
      readCommandLine(args, {}, 'muster worker');
    } catch (error) {
      return refusedCommandLine(error);
    }
    await runWorkerProcess();
    // Like `start`: the process sets its exit code when it fails to start, and exits on SIGTERM/SIGINT.
    return -1;
  },
};
