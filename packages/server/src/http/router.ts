import FindMyWay from 'find-my-way';
import { MusterError } from '@muster/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponse } from './response';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** What a JSON route handler gets: the request, its path parameters and parsed URL. */
export interface RouteRequest {
  readonly req: IncomingMessage;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  /** The route pattern (`/api/v1/incidents/:ref`), for logs and metrics. */
  readonly route: string;
}

export type RouteHandler = (request: RouteRequest) => Promise<HttpResponse>;

/**
 * A handler that owns the exchange: it reads the raw body itself and writes the response. Adapters
 * mount these (Slack's signature check needs the exact bytes that were sent).
 */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

interface Route {
  readonly method: HttpMethod;
  readonly pattern: string;
  /** How literal the pattern is, segment by segment: orders the patterns a wrong method names. */
  readonly specificity: number;
  readonly handler: { kind: 'json'; run: RouteHandler } | { kind: 'raw'; run: RawHandler };
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method_not_allowed'; readonly pattern: string; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'not_found' };

/**
 * Method + path routing with `:name` parameters, on find-my-way (fastify's radix-tree router): the
 * bench `http-router` measured our linear matcher at many times its cost on the hot paths (see the
 * server README). This class keeps Muster's rules on top of it: a literal segment beats a parameter,
 * a trailing slash is ignored, a parameter is never empty and is percent-decoded (a malformed escape
 * matches nothing), HEAD falls back to GET, and a wrong method is told apart from an unknown path.
 */
export class Router {
  private readonly routes: Route[] = [];
  private readonly tree = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 8_192 });

  get(pattern: string, handler: RouteHandler): this { return this.add('GET', pattern, { kind: 'json', run: handler }); }
  post(pattern: string, handler: RouteHandler): this { return this.add('POST', pattern, { kind: 'json', run: handler }); }
  put(pattern: string, handler: RouteHandler): this { return this.add('PUT', pattern, { kind: 'json', run: handler }); }
  patch(pattern: string, handler: RouteHandler): this { return this.add('PATCH', pattern, { kind: 'json', run: handler }); }
  delete(pattern: string, handler: RouteHandler): this { return this.add('DELETE', pattern, { kind: 'json', run: handler }); }

  /** Every registered route, for the OpenAPI document's completeness check. */
  list(): { method: HttpMethod; pattern: string }[] {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }

  /** Mounts a raw `(req, res)` handler, for adapters that need the unparsed request. */
  mount(method: HttpMethod, pattern: string, handler: RawHandler): this {
    return this.add(method, pattern, { kind: 'raw', run: handler });
  }

  match(method: string, path: string): RouteMatch {
    const hit = this.find(method, path) ?? (method === 'HEAD' ? this.find('GET', path) : undefined);
    if (hit) return hit;
    // Off the hot path: which other methods would have matched, for a 405 with an Allow header.
    const others = METHODS.flatMap((m) => {
      const other = m === method || (method === 'HEAD' && m === 'GET') ? undefined : this.find(m, path);
      return other ? [other.route] : [];
    });
    if (!others.length) return { kind: 'not_found' };
    // Routes in the order they were registered, the most literal pattern first (as before find-my-way).
    const ordered = this.routes.filter((r) => others.includes(r)).sort((a, b) => b.specificity - a.specificity);
    return { kind: 'method_not_allowed', pattern: ordered[0].pattern, allowed: [...new Set(ordered.map((r) => r.method))] };
  }

  private find(method: string, path: string): { kind: 'found'; route: Route; params: Record<string, string> } | undefined {
    // find-my-way would read a path without a leading slash as an absolute URL; ours never matched one.
    if (path.charCodeAt(0) !== 47) return undefined;
    const found = this.tree.find(method as FindMyWay.HTTPMethod, path);
    if (!found) return undefined;
    const route = found.store as Route;
    // find-my-way decodes the whole path first; our literals match only as typed (`/slack/event%73` is not `/slack/events`).
    if (path.includes('%') && !literalsAsTyped(route.pattern, path)) return undefined;
    const params = found.params as Record<string, string>;
    for (const name in params) if (!params[name]) return undefined; // `/incidents//timeline` names no incident
    return { kind: 'found', route, params };
  }

  private add(method: HttpMethod, pattern: string, handler: Route['handler']): this {
    if (!pattern.startsWith('/')) throw new MusterError('internal', `Route pattern "${pattern}" must start with /`);
    if (this.routes.some((r) => r.method === method && r.pattern === pattern)) throw new MusterError('internal', `Route ${method} ${pattern} is registered twice`);
    const route: Route = { method, pattern, specificity: specificity(pattern), handler };
    this.routes.push(route);
    this.tree.on(method, pattern, () => undefined, route);
    return this;
  }
}

const specificity = (pattern: string): number =>
  pattern.split('/').slice(1).reduce((n, s, i) => n + (s.startsWith(':') ? 0 : 2 ** (16 - i)), 0);

function literalsAsTyped(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
}
