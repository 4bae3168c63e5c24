import { MusterError, type IdentityLinks, type Logger, type RequestContext } from '@muster/core';
import type { WebSession, WebSessionRepository } from '@muster/store';
import { STATUS_BY_CODE } from '../http/status-by-code';
import { HttpError } from '../http/http-error';
import { errorBody, json, type HttpResponse } from '../http/response';
import type { RouteHandler, RouteRequest } from '../http/router';
import { csrfMatches, csrfTokenOf } from './csrf';
import { field, readFormBody } from './form-body';
import { ErrorPage } from './layout';
import { cookieName, type CookieOptions } from './session-cookie';
import { readCookie } from './session-cookie';
import { webContext } from './web-context';
import { htmlPage, redirect } from './web-html';

/** What a dashboard handler gets: the request, the signed-in session and how to act as its person. */
export interface WebRequest extends RouteRequest {
  readonly session: WebSession;
  /** The session's CSRF token, for the forms and the meta tag of the page being rendered. */
  readonly csrf: string;
  /** The person's RequestContext; `key` (a form's `_key`) makes the change idempotent. */
  context(key?: string): Promise<RequestContext>;
}

export interface WebRoutingDeps {
  readonly sessions: Pick<WebSessionRepository, 'findSession'>;
  readonly cookie: CookieOptions;
  readonly logger: Logger;
  readonly identityLinks?: IdentityLinks;
  /** MUSTER_PUBLIC_URL's origin when set: changes must come from it (else from the request's own Host). */
  readonly publicOrigin?: string;
}

/**
 * The three shapes of a web handler. `page`: a GET that needs a session (none: 303 to /login and back
 * after). `action`: a POST that needs a session, a same-origin request and the CSRF token (an API token
 * is never a browser session: the Authorization header counts for nothing here). `publicPage`: anyone.
 * Each answers errors as a page, or as JSON to a script that asked for JSON, never with a stack trace.
 */
export function webRouting(deps: WebRoutingDeps) {
  const sessionOf = async (r: RouteRequest): Promise<{ session: WebSession; token: string } | undefined> => {
    const token = readCookie(r.req, cookieName(deps.cookie));
    const session = token ? await deps.sessions.findSession(token) : undefined;
    return session && token ? { session, token } : undefined;
  };
  const webRequest = (r: RouteRequest, session: WebSession, token: string): WebRequest => ({
    ...r, session, csrf: csrfTokenOf(token), context: (key?: string) => webContext(session, key, deps.identityLinks),
  });
  const answerError = (r: RouteRequest, error: unknown, session?: WebSession, csrf?: string): HttpResponse => {
    const known = error instanceof MusterError && STATUS_BY_CODE[error.code] !== undefined;
    if (!known) deps.logger.error('web request failed', { method: r.req.method, route: r.route, err: error });
    const status = known ? STATUS_BY_CODE[(error as MusterError).code]! : 500;
    const message = known ? (error as MusterError).message : 'Something went wrong on our side. The details were logged; please try again in a moment.';
    if (wantsJson(r)) return json(status, errorBody(known ? (error as MusterError).code : 'internal', message), error instanceof HttpError ? { ...error.headers } : {});
    return htmlPage(status, <ErrorPage status={status} message={message} session={session} csrf={csrf} />);
  };

  const page = (handler: (w: WebRequest) => Promise<HttpResponse>): RouteHandler => async (r) => {
    const found = await sessionOf(r);
    if (!found) return wantsJson(r) ? json(401, errorBody('unauthorized', 'Sign in first: open /login.')) : redirect(`/login?next=${encodeURIComponent(r.url.pathname + r.url.search)}`);
    const w = webRequest(r, found.session, found.token);
    try {
      return await handler(w);
    } catch (error) {
      return answerError(r, error, found.session, w.csrf);
    }
  };

  const action = (handler: (w: WebRequest, form: Record<string, unknown>) => Promise<HttpResponse>): RouteHandler => async (r) => {
    try {
      if (!sameOrigin(r, deps.publicOrigin)) throw new HttpError('not_permitted', 'This change did not come from a Muster page; open the page and try again.');
      const found = await sessionOf(r);
      if (!found) throw new HttpError('unauthorized', 'Your session has ended; sign in again and repeat the change.');
      const form = await readFormBody(r.req);
      const presented = field(form, '_csrf') ?? headerOf(r, 'x-csrf-token');
      if (!csrfMatches(found.token, presented)) throw new HttpError('not_permitted', 'This form has expired (its security token does not match); reload the page and try again.');
      const w = webRequest(r, found.session, found.token);
      try {
        return await handler(w, form);
      } catch (error) {
        return answerError(r, error, found.session, w.csrf);
      }
    } catch (error) {
      return answerError(r, error);
    }
  };

  const publicPage = (handler: (r: RouteRequest) => Promise<HttpResponse>): RouteHandler => async (r) => {
    try {
      return await handler(r);
    } catch (error) {
      return answerError(r, error);
    }
  };

  return { page, action, publicPage, sessionOf };
}

export type WebRouting = ReturnType<typeof webRouting>;

const headerOf = (r: RouteRequest, name: string): string | undefined => {
  const v = r.req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

const wantsJson = (r: RouteRequest): boolean => /application\/json/.test(headerOf(r, 'accept') ?? '') || r.url.pathname.endsWith('.json');

/**
 * The Origin (or, without one, the Referer) must be this server. Browsers send Origin on every POST;
 * a request with neither is refused too, since every page of ours sends one.
 */
export function sameOrigin(r: RouteRequest, publicOrigin: string | undefined): boolean {
  const origin = headerOf(r, 'origin') ?? originOf(headerOf(r, 'referer'));
  if (!origin || origin === 'null') return false;
  if (publicOrigin && origin === publicOrigin) return true;
  const host = headerOf(r, 'host');
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
