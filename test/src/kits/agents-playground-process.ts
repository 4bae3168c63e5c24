/**
 * Starts and stops the Agents Playground as a child process: offline, in a directory of its own, in a
 * process group of its own (so stop() ends everything it started), ready only once its API answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const PACKAGE = '@microsoft/m365agentsplayground';

/** The Playground's CLI script, or a clear error saying how to install it. */
export function resolvePlaygroundCli(fromDir: string = __dirname): string {
  let manifest: string;
  try {
    manifest = require.resolve(`${PACKAGE}/package.json`, { paths: [fromDir] });
  } catch {
    throw new Error(`Microsoft's Agents Playground (${PACKAGE}) is not installed. It is a devDependency of the test workspace: run \`npm install\` at the repository root (or \`npm install -D -w test ${PACKAGE}\`).`);
  }
  const cli = join(dirname(manifest), 'cli.js');
  if (!existsSync(cli)) throw new Error(`${PACKAGE} is installed at ${dirname(manifest)} but has no cli.js: reinstall it.`);
  return cli;
}

export interface PlaygroundProcessOptions {
  readonly cli: string;
  readonly botEndpoint: string;
  /** The config file's content (see agents-playground-tenant.ts). */
  readonly config: string;
  readonly port?: number;
  readonly startTimeoutMs: number;
}

export interface PlaygroundProcess {
  readonly port: number;
  readonly serviceUrl: string;
  /** Ends the process group and removes the working directory. */
  stop(): Promise<void>;
}

/**
 * A port nobody listens on now; the Playground is told to take it (and says if it could not). Exported so
 * a bot can trust `127.0.0.1:<port>` as its service host before the Playground starts.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const tail = (text: string, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');

export async function startPlaygroundProcess(options: PlaygroundProcessOptions): Promise<PlaygroundProcess> {
  // Another process can take a free port between our look and the Playground's; then it falls back to
  // a random port, which would not match the serviceUrl we gave it, so we try again with another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, options.port ?? (await freePort()));
    } catch (error) {
      if (!(error instanceof PortTakenError) || options.port !== undefined || attempt === 3) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(options: PlaygroundProcessOptions, port: number): Promise<PlaygroundProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'muster-playground-'));
  const configPath = join(dir, '.m365agentsplayground.yml');
  const logPath = join(dir, 'playground.log');
  writeFileSync(configPath, options.config);
  const serviceUrl = `http://127.0.0.1:${port}/_connector`;
  const child = spawn(process.execPath, [
    options.cli, 'start', '--port', String(port), '--app-endpoint', options.botEndpoint,
    '--channel-id', 'msteams', '--service-url', serviceUrl, '--disable-telemetry',
  ], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      // Offline: no browser, no telemetry (its Application Insights client still starts; statsbeat off).
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      // With stdout not a terminal it logs only to this file, so failures are read from here.
      M365_AGENTS_PLAYGROUND_LOGFILE: logPath,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => stopGroup(child, exited, dir);
  const describe = (what: string) => {
    const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    return new Error([`The Agents Playground ${what}.`, stderr && `stderr:\n${tail(stderr)}`, log && `its log:\n${tail(log)}`, stdout && `stdout:\n${tail(stdout)}`].filter(Boolean).join('\n'));
  };

  try {
    const deadline = Date.now() + options.startTimeoutMs;
    const listening = await until(deadline, exited, () => /^Listening on (\d+)$/m.exec(stdout)?.[1]);
    if (listening === 'exited') throw describe(`exited (code ${await exited}) before it listened`);
    if (listening === 'timeout') throw describe(`did not listen within ${options.startTimeoutMs} ms`);
    if (Number(listening) !== port) throw new PortTakenError(`port ${port} was taken`);
    // It prints the port before it mounts its API: ready means /_debug/ping answers.
    const ready = await untilAsync(deadline, exited, () => ping(port));
    if (ready !== true) throw describe(ready === 'exited' ? 'exited while starting' : `did not answer /_debug/ping within ${options.startTimeoutMs} ms`);
    return { port, serviceUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function ping(port: number): Promise<true | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/_debug/ping`);
    return res.ok && (await res.text()) === 'pong' ? true : undefined;
  } catch {
    return undefined;
  }
}

type Outcome<T> = T | 'exited' | 'timeout';

/** Re-checks `check` on a short bounded poll until it gives a value, the process exits or time runs out. */
async function until<T>(deadline: number, exited: Promise<unknown>, check: () => T | undefined): Promise<Outcome<T>> {
  return untilAsync(deadline, exited, async () => check());
}

async function untilAsync<T>(deadline: number, exited: Promise<unknown>, check: () => Promise<T | undefined>): Promise<Outcome<T>> {
  let gone = false;
  void exited.then(() => { gone = true; });
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (gone) return 'exited';
    if (Date.now() > deadline) return 'timeout';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM to the whole group, SIGKILL if it lingers; then the working directory goes. */
async function stopGroup(child: ChildProcess, exited: Promise<unknown>, dir: string): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // The group is already gone.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signal('SIGTERM');
    const killed = setTimeout(() => signal('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killed);
  }
  // Anything it spawned that ignored SIGTERM goes with the group.
  signal('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
