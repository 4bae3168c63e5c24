/**
 * The little protocol between the bench driver and the processes it forks (the Muster server, the bare
 * Bolt app, the fake Slack Web API): the child announces `ready` with what the driver needs, then
 * answers numbered calls until it is told to stop. A child also exits when the driver goes away, so
 * no benchmark process outlives the run.
 */
export type ChildMessage =
  | { readonly type: 'ready'; readonly info: Record<string, unknown> }
  | { readonly type: 'reply'; readonly id: number; readonly result?: unknown; readonly error?: string };

export type DriverMessage =
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly args?: unknown }
  | { readonly type: 'stop' };

/** Settings the driver hands a child, as JSON in this environment variable. */
export const CHILD_SETTINGS_ENV = 'MUSTER_BENCH_CHILD_SETTINGS';

export function childSettings<T>(): T {
  const raw = process.env[CHILD_SETTINGS_ENV];
  if (!raw) throw new Error(`${CHILD_SETTINGS_ENV} is not set: this script is started by bench/dist/run.js`);
  return JSON.parse(raw) as T;
}

type Handler = (args: unknown) => unknown;

/** Child side: serve `handlers`, run `stop` when asked (or when the driver disappears), then exit. */
export function serveDriver(info: Record<string, unknown>, handlers: Record<string, Handler>, stop: () => Promise<void>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  let stopping = false;
  const finish = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A stop that hangs must not keep the process: the driver would then have to kill it.
    setTimeout(() => process.exit(code), 20_000).unref();
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`stop failed: ${String(error)}\n`);
    }
    process.exit(code);
  };
  process.on('message', (message: DriverMessage) => {
    if (message.type === 'stop') return void finish(0);
    void (async () => {
      try {
        const handler = handlers[message.method];
        if (!handler) throw new Error(`no method ${message.method}`);
        send({ type: 'reply', id: message.id, result: await handler(message.args) });
      } catch (error) {
        send({ type: 'reply', id: message.id, error: (error as Error).stack ?? String(error) });
      }
    })();
  });
  process.on('disconnect', () => void finish(0));
  send({ type: 'ready', info });
}

/** Child side: a start that failed is reported on stderr (kept in the child's log) with a non-zero exit. */
export function failStart(error: unknown): never {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
