import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponse } from './response';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

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
  readonly segments: readonly string[];
  readonly handler: { kind: 'json'; run: RouteHandler } | { kind: 'raw'; run: RawHandler };
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method_not_allowed'; readonly pattern: string; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'not_found' };

/** Method + path routing with `:name` parameters. Patterns are matched segment by segment, literals first. */
export class Router {
  private readonly routes: Route[] = [];

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
    const parts = splitPath(path);
    if (!parts) return { kind: 'not_found' };
    const candidates = this.routes
      .map((route) => ({ route, params: matchSegments(route.segments, parts) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined)
      // A literal segment beats a parameter at the same place (`/incidents/new` before `/incidents/:ref`).
      .sort((a, b) => specificity(b.route) - specificity(a.route));
    const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
    const hit = candidates.find((c) => wanted.includes(c.route.method));
    if (hit) return { kind: 'found', route: hit.route, params: hit.params };
    if (candidates.length) return { kind: 'method_not_allowed', pattern: candidates[0].route.pattern, allowed: [...new Set(candidates.map((c) => c.route.method))] };
    return { kind: 'not_found' };
  }

  private add(method: HttpMethod, pattern: string, handler: Route['handler']): this {
    const segments = splitPath(pattern);
    if (!segments) throw new Error(`Route pattern "${pattern}" must start with /`);
    if (this.routes.some((r) => r.method === method && r.pattern === pattern)) throw new Error(`Route ${method} ${pattern} is registered twice`);
    this.routes.push({ method, pattern, segments, handler });
    return this;
  }
}

function splitPath(path: string): string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  return path.split('/').slice(1).filter((s, i, all) => s !== '' || i < all.length - 1);
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
      if (!value) return undefined;
      params[p.slice(1)] = value;
    } else if (p !== parts[i]) {
      return undefined;
    }
  }
  return params;
}

const specificity = (route: Route): number => route.segments.reduce((n, s, i) => n + (s.startsWith(':') ? 0 : 2 ** (16 - i)), 0);
