import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MusterError, Postmortems, type Logger } from '@muster/core';
import { buildContainer, createLogger, createServerConsoleSession, ensureMigrated, loadConfig, SERVER_TOKENS } from '@muster/server';
import type { Store } from '@muster/store';
import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine } from '../command-line';
import { DemoClock } from '../demo/demo-clock';
import { DEMO_MINUTES_PER_LINE, DEMO_SCRIPT, DEMO_USER } from '../demo/demo-script';

const DEFAULT_OUT = 'muster-demo-postmortem.md';
const USAGE = 'demo [--out <file>]';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: USAGE,
  summary: 'play a scripted incident in the console, from declaration to postmortem (nothing is kept)',
  async run(args) {
    let out: string;
    try {
      out = resolve(parseOut(args));
    } catch (error) {
      return refusedCommandLine(error);
    }
    // A clean environment: the demo never touches a real database, Slack or an LLM, whatever is configured.
    const config = loadConfig({
      env: { MUSTER_DATABASE_URL: 'sqlite::memory:', MUSTER_CONSOLE: 'on', MUSTER_LOG_LEVEL: process.env.MUSTER_LOG_LEVEL },
      cwd: process.cwd(), interactive: false, ignoreConfigFile: true,
    });
    const logger: Logger = createLogger({ level: process.env.MUSTER_LOG_LEVEL ? config.logLevel : 'silent', fd: 2 });
    const clock = new DemoClock(new Date(Date.now() - DEMO_SCRIPT.length * DEMO_MINUTES_PER_LINE * 60_000));
    const container = await buildContainer(config, { logger, clock, consoleOutput: process.stdout, consoleColor: !!process.stdout.isTTY });
    const store = container.get<Store>(SERVER_TOKENS.Store);
    try {
      await ensureMigrated(store, config, logger);
      const session = createServerConsoleSession(container, {
        input: process.stdin, user: DEMO_USER, prompt: false, clock,
        afterLine: () => clock.advance(DEMO_MINUTES_PER_LINE * 60_000),
      });
      await session.runScript(DEMO_SCRIPT);
      const doc = await container.get(Postmortems).open({
        actor: { platform: 'console', id: DEMO_USER, name: DEMO_USER }, platform: 'console', workspaceId: 'local', idempotencyKey: 'demo:postmortem',
      }, 'INC-1');
      writeFileSync(out, doc.markdown);
      process.stdout.write(`\nThe postmortem of ${doc.incident.reference} is in ${out}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** `--out <file>` or `--out=<file>`, else the default; anything else is refused. */
function parseOut(args: readonly string[]): string {
  const out = readCommandLine(args, { out: 'string' }, `muster ${USAGE}`).options.out;
  if (out === '') throw new MusterError('invalid_argument', `--out needs a value. Usage: muster ${USAGE}`);
  return out ?? DEFAULT_OUT;
}
