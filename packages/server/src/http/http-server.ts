import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MusterError, type Logger } from '@muster/core';
import { errorResponse } from './error-boundary';
import { errorBody, json, writeResponse } from './response';
import type { Router } from './router';

/** Told about every finished request: the route pattern (never the raw path), status and duration. */
export type RequestObserver = (observation: { method: string; route: string; status: number; seconds: number }) => void;

export interface HttpServerOptions {
  readonly router: Router;
  readonly logger: Logger;
  readonly observe?: RequestObserver;
}

/** The route label of requests no route matched, so unknown paths cannot blow up metric cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

/** How long an idle keep-alive connection stays open: longer than the load balancers in front of us keep theirs. */
export const KEEP_ALIVE_MS = 65_000;

/**
 * node:http with a request-scoped error boundary, in-flight tracking and a graceful close: stop
 * accepting, let running requests finish (bounded), then drop what is left.
 */
export class HttpServer {
  private readonly server: Server;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private closing = false;

  constructor(private readonly options: HttpServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Slow clients must not hold a connection (and the shutdown) forever.
    this.server.requestTimeout = 60_000;
    // Idle keep-alive connections outlive a load balancer's own idle timeout (AWS ALB 60 s, nginx
    // upstreams 60 s): the balancer closes first, so it never reuses a socket we are closing (a 502).
    // Shutdown closes idle connections at once (close), so this does not hold a stop.
    this.server.keepAliveTimeout = KEEP_ALIVE_MS;
    // Above the keep-alive, as Node recommends, so a reused connection's next request is not cut off.
    this.server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }

  /** Listens on `port` (0: any free port); resolves with the bound port, or rejects with a readable error. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        this.server.off('listening', onListening);
        reject(error.code === 'EADDRINUSE'
          ? new MusterError('unavailable', `Port ${port} is already in use; stop the other process or set MUSTER_PORT to a free port.`)
          : error.code === 'EACCES'
            ? new MusterError('configuration', `Port ${port} needs more privileges than this process has; set MUSTER_PORT above 1024.`)
            : error);
      };
      const onListening = () => {
        this.server.off('error', onError);
        resolve((this.server.address() as AddressInfo).port);
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen(port);
    });
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Stops accepting; waits up to `graceMs` for running requests, then closes every connection. */
  async close(graceMs: number): Promise<{ drained: boolean }> {
    if (!this.server.listening) return { drained: true };
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const drained = await Promise.race([
      this.whenIdle().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
    ]);
    this.server.closeAllConnections();
    await closed;
    return { drained };
  }

  private whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    let route = UNMATCHED_ROUTE;
    let params: Readonly<Record<string, string>> = {};
    this.inFlight++;
    res.once('close', () => {
      this.inFlight--;
      this.options.observe?.({ method, route, status: res.statusCode, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    });
    // A request that arrives on a kept-alive connection during shutdown is told to go elsewhere.
    if (this.closing) res.setHeader('connection', 'close');
    const { logger, router } = this.options;
    try {
      const url = new URL(req.url ?? '/', 'http://muster.invalid');
      const match = router.match(method, url.pathname);
      if (match.kind === 'not_found') {
        req.resume();
        writeResponse(res, json(404, errorBody('not_found', `Nothing is served at ${method} ${url.pathname.slice(0, 200)}.`)));
        return;
      }
      if (match.kind === 'method_not_allowed') {
        route = match.pattern;
        req.resume();
        writeResponse(res, json(405, errorBody('method_not_allowed', `${match.pattern} accepts ${match.allowed.join(', ')}.`), { allow: match.allowed.join(', ') }));
        return;
      }
      route = match.route.pattern;
      params = match.params;
      if (match.route.handler.kind === 'raw') {
        await match.route.handler.run(req, res);
        return;
      }
      const response = await match.route.handler.run({ req, params: match.params, url, route });
      req.resume();
      writeResponse(res, response);
    } catch (error) {
      req.resume();
      if (res.headersSent) {
        logger.error('request failed after the response started', { method, route, err: error });
        res.destroy();
        return;
      }
      writeResponse(res, errorResponse(error, logger, { method, route, params }));
    }
  }
}
