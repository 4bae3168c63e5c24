import { randomUUID } from 'node:crypto';
/**
 * Shared by the server-*.spec.ts suites: temp directories, an in-process server on port 0, the CLI as
 * a child process, a TCP proxy that can cut the database off, and MariaDB databases of our own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createLogger, loadConfig, startServer, SERVER_TOKENS, type RunningServer, type StartOptions } from '@muster/server';
import type { Store } from '@muster/store';
import { createConnection } from 'mysql2/promise';

export const CLI = resolve(__dirname, '../../../packages/cli/dist/main.js');

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `muster-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The environment a child process gets: only what node needs plus ours, never the developer's tokens. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export interface InProcessServer {
  readonly running: RunningServer;
  readonly store: Store;
  readonly token: string;
  readonly url: string;
  stop(): Promise<void>;
}

/** A real server in this process on a free port, logging to a file in `dir`, with one API token. */
export async function startInProcess(dir: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<InProcessServer> {
  const config = loadConfig({ env: { MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', ...env }, cwd: dir, interactive: false });
  const logger = createLogger({ level: 'info', file: join(dir, 'test-server.log') });
  const running = await startServer(config, { logger, ...options });
  const store = running.container.get<Store>(SERVER_TOKENS.Store);
  // Several servers may share one database: token names are unique per tenant.
  const { token } = await store.apiTokens.create(`test-suite-${randomUUID().slice(0, 8)}`);
  // Bind to 127.0.0.1 explicitly: `localhost` may resolve to ::1 first.
  const url = `http://127.0.0.1:${running.port}`;
  return { running, store, token, url, stop: () => running.stop() };
}

/** A server for the REST suites that need the wrong caller too: another tenant's token and a read-only one. */
export async function startRestServer(label: string): Promise<{ dir: string; server: InProcessServer; api: string; foreign: string; readOnly: string }> {
  const dir = tempDir(label);
  const server = await startInProcess(dir);
  const foreign = (await server.store.apiTokens.create('globex-ci', { tenantId: 'globex' })).token;
  const readOnly = (await server.store.apiTokens.create('read-only-ci', { scopes: ['read'] })).token;
  return { dir, server, api: `${server.url}/api/v1`, foreign, readOnly };
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape; the tests assert on it.
}

export async function call(url: string, init: { method?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `muster <args>` to completion. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: childEnv(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

export interface ChildServer {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `muster start` and waits for the banner line that names the bound address. */
export function startChild(cwd: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [CLI, 'start'], { cwd, env: childEnv({ MUSTER_CONSOLE: 'off', MUSTER_PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return new Promise((resolvePromise, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = /^Muster is running at http:\/\/localhost:(\d+)$/m.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (more: Buffer) => { out += more.toString(); });
        resolvePromise({ child, url: `http://127.0.0.1:${match[1]}`, output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    void exited.then(({ code }) => reject(new Error(`muster start exited (${code}) before it was ready:\n${out}`)));
  });
}

/** Forwards TCP to `target`; `cut()` drops every connection and refuses new ones (the database is gone). */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        proxy.sockets.add(s);
        s.on('close', () => proxy.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    return proxy;
  }

  async cut(): Promise<void> {
    await new Promise<void>((r) => { this.server.close(() => r()); for (const s of this.sockets) s.destroy(); });
  }
}

const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root' };

/** A database of our own on the local MariaDB, dropped by the returned function. */
export async function createMariaDbDatabase(): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `muster_server_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(MARIADB);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    name,
    async drop() {
      const conn = await createConnection(MARIADB);
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
