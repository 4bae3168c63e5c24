import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHILD_SETTINGS_ENV, type ChildMessage, type DriverMessage } from './ipc';

/** Every child this driver started and has not yet seen exit: killed (by pid) if the driver exits first. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ChildStart {
  /** The script's file name in bench/dist/processes, e.g. `muster-server.main.js`. */
  readonly script: string;
  readonly label: string;
  readonly settings: unknown;
  /** The child's stdout and stderr go here (read back when it fails). */
  readonly logFile: string;
  readonly readyTimeoutMs?: number;
  readonly execArgv?: readonly string[];
  /** The child's NODE_ENV; default `production`, as a deployment runs. */
  readonly nodeEnv?: string;
}

/**
 * A process forked by the bench: a server under test or a fake. One process per part keeps the
 * load generator's event loop out of the server's, as in production where Slack is elsewhere.
 */
export class BenchChild<Info = Record<string, unknown>> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess, readonly info: Info, private readonly start: ChildStart) {
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'reply') return;
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) call?.reject(new Error(`${start.label}: ${message.error}`));
      else call?.resolve(message.result);
    });
    child.on('exit', () => {
      for (const call of this.pending.values()) call.reject(new Error(`${start.label} exited (log: ${start.logFile})`));
      this.pending.clear();
    });
  }

  static async start<Info>(start: ChildStart): Promise<BenchChild<Info>> {
    const log = openSync(start.logFile, 'a');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NODE_ENV: start.nodeEnv ?? 'production', [CHILD_SETTINGS_ENV]: JSON.stringify(start.settings) };
    const child = fork(join(__dirname, start.script), [], { env, stdio: ['ignore', log, log, 'ipc'], execArgv: [...(start.execArgv ?? [])] });
    closeSync(log);
    running.add(child);
    child.on('exit', () => running.delete(child));
    const info = await new Promise<Info>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not start within ${(start.readyTimeoutMs ?? 60_000) / 1000} s`), start.readyTimeoutMs ?? 60_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${start.label} ${why}:\n${tail(start.logFile)}`));
      };
      child.on('message', (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message.info as Info);
      });
      child.once('exit', (code, signal) => fail(`exited during start (${signal ?? `code ${code}`})`));
    });
    return new BenchChild<Info>(child, info, start);
  }

  call<T>(method: string, args?: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.start.label}: ${method} took more than ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.child.send({ type: 'call', id, method, args } satisfies DriverMessage);
    });
  }

  /** Asks the child to stop cleanly; kills it (this pid only) if it has not exited in time. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies DriverMessage);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
