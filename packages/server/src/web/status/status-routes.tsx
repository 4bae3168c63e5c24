import { DEFAULT_TENANT, TOKENS, type Clock } from '@muster/core';
import { SERVER_TOKENS } from '../../container/server-tokens';
import type { ServerConfig } from '../../config/server-config';
import { HttpError } from '../../http/http-error';
import { json, type HttpResponse } from '../../http/response';
import type { Router, RouteRequest } from '../../http/router';
import type { WebDeps } from '../web-deps';
import { htmlPage } from '../web-html';
import { statusAtomFeed } from './status-atom';
import { loadStatusPage, type StatusPageData } from './status-page-data';
import { StatusPage, type StatusPageLinks } from './status-page';

/**
 * Public data may be cached briefly by browsers and proxies, never longer than this: an approval
 * must show within seconds. The page itself is rendered on every request (`no-cache`).
 */
const SHARED_CACHE = 'public, max-age=10';

/**
 * The public status page, no session needed: `/status` (the default tenant, or `statusPage.tenant`) and `/status/:tenant`
 * (a tenant of `tenants:`), each also as `status.json` (CORS open: public data) and `feed.atom`.
 * Every answer reads the store at request time; what is public is decided in status-page-data.ts.
 */
export function registerStatusRoutes(router: Router, deps: WebDeps): void {
  const { web, repos, settings } = deps;
  const clock = deps.container.isBound(TOKENS.Clock) ? deps.container.get<Clock>(TOKENS.Clock) : undefined;
  const pageConfig = deps.container.get<ServerConfig>(SERVER_TOKENS.Config).statusPage;
  const heading = { title: pageConfig.title || settings.publicUpdateTitle?.trim() || 'Service status', ...(pageConfig.intro && { intro: pageConfig.intro }) };
  /** The tenant `/status` shows (`statusPage.tenant`, checked at start to be a configured one). */
  const home = pageConfig.tenant ?? DEFAULT_TENANT;
  const known = (tenant: string): boolean => tenant === DEFAULT_TENANT || settings.tenants.tenants.some((t) => t.id === tenant);

  /**
   * Requests for one tenant that arrive while its page is being read share that read: a public page
   * with no session can be hit by anyone, as often as they like, and each read is a few queries per
   * incident. A request never gets data read before it arrived by more than one read's duration, and
   * nothing is kept once the read is done, so an approval still shows on the next request.
   */
  const reading = new Map<string, Promise<StatusPageData>>();
  const load = async (tenant: string): Promise<StatusPageData> => {
    if (!known(tenant)) throw new HttpError('not_found', 'There is no status page here. Check the address.');
    const current = reading.get(tenant);
    if (current) return current;
    const read = loadStatusPage(repos, settings, tenant, clock?.now() ?? new Date(), heading).finally(() => reading.delete(tenant));
    reading.set(tenant, read);
    return read;
  };
  const linksOf = (tenant: string): StatusPageLinks => {
    const page = tenant === home ? '/status' : `/status/${encodeURIComponent(tenant)}`;
    return { page, json: tenant === home ? '/status.json' : `${page}/status.json`, atom: `${page}/feed.atom` };
  };
  /** Absolute URLs for the feed: MUSTER_PUBLIC_URL when set, else the address this request came to. */
  const origin = (r: RouteRequest): string => (settings.publicUrl ? new URL(settings.publicUrl).origin : `http://${r.req.headers.host ?? 'localhost'}`);

  const page = (tenantOf: (r: RouteRequest) => string) => web.publicPage(async (r) => {
    const tenant = tenantOf(r);
    return htmlPage(200, <StatusPage data={await load(tenant)} links={linksOf(tenant)} />, { 'cache-control': 'no-cache' });
  });
  const data = (tenantOf: (r: RouteRequest) => string) => web.publicPage(async (r): Promise<HttpResponse> =>
    json(200, await load(tenantOf(r)), { 'cache-control': SHARED_CACHE, 'access-control-allow-origin': '*' }));
  const feed = (tenantOf: (r: RouteRequest) => string) => web.publicPage(async (r): Promise<HttpResponse> => {
    const tenant = tenantOf(r);
    const links = linksOf(tenant);
    const base = origin(r);
    return {
      status: 200,
      text: statusAtomFeed(await load(tenant), `${base}${links.page}`, `${base}${links.atom}`),
      headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': SHARED_CACHE, 'access-control-allow-origin': '*' },
    };
  });

  const defaultTenant = () => home;
  const named = (r: RouteRequest) => r.params.tenant;
  router.get('/status', page(defaultTenant));
  router.get('/status.json', data(defaultTenant));
  router.get('/status/feed.atom', feed(defaultTenant));
  router.get('/status/:tenant', page(named));
  router.get('/status/:tenant/status.json', data(named));
  router.get('/status/:tenant/feed.atom', feed(named));
}
