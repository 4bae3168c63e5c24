import FindMyWay from 'find-my-way';
import { Router, type HttpMethod } from '@muster/server';
import { SERVER_ROUTES } from './route-table';

/** One lookup of `method path`, returning the matched pattern (so the work cannot be optimised away). */
export type Lookup = (method: HttpMethod, path: string) => string | undefined;

/** Muster's own router with the server's route table, as the HTTP server calls it. */
export function musterLookup(): Lookup {
  const router = new Router();
  const ok = () => undefined;
  for (const r of SERVER_ROUTES) router.mount(r.method, r.pattern, ok);
  return (method, path) => {
    const match = router.match(method, path);
    return match.kind === 'found' ? match.route.pattern : undefined;
  };
}

/** find-my-way (fastify's router) with the same table; the pattern rides in the route's store. */
export function findMyWayLookup(): Lookup {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  for (const r of SERVER_ROUTES) router.on(r.method, r.pattern, () => undefined, { pattern: r.pattern });
  return (method, path) => (router.find(method, path)?.store as { pattern: string } | undefined)?.pattern;
}

/**
 * Nanoseconds per lookup over `count` lookups in a tight loop (both routers decode the path's
 * parameters on every lookup). Every answer is checked, so a router that finds nothing is not "fast".
 */
export function nsPerLookup(lookup: Lookup, method: HttpMethod, path: string, expected: string, count: number): number {
  let misses = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) if (lookup(method, path) !== expected) misses++;
  const elapsed = Number(process.hrtime.bigint() - start);
  if (misses) throw new Error(`${method} ${path}: ${misses} of ${count} lookups did not find ${expected}`);
  return elapsed / count;
}
