import { WEB_SESSION_TTL_MS, type WebSessionRepository } from '@muster/store';
import { HttpError } from '../http/http-error';
import type { Router } from '../http/router';
import { Layout } from './layout';
import { clearedSessionCookie, sessionCookie, type CookieOptions } from './session-cookie';
import { htmlPage, redirect, safeNext } from './web-html';
import { sameOrigin, type WebRouting } from './web-routing';

export interface SignInRoutesDeps {
  readonly web: WebRouting;
  readonly sessions: WebSessionRepository;
  readonly cookie: CookieOptions;
  /** The sign-in buttons of the configured OpenID Connect providers (`Sign in with Slack`), if any. */
  readonly providers?: readonly { readonly id: string; readonly label: string }[];
  /** MUSTER_PUBLIC_URL's origin, when set: a link is redeemed only from a page of this server. */
  readonly publicOrigin?: string;
}

/**
 * The link page must not hand its address (which holds the token) on: its Referer carries the origin
 * only (`strict-origin`; not `no-referrer`, under which Chromium sends `Origin: null` with the form's
 * POST and the same-origin check would refuse it). `no-store` (every answer's default) keeps it out of
 * the browser's cache.
 */
const LINK_PAGE_HEADERS = { 'referrer-policy': 'strict-origin' };

/**
 * Sign-in and sign-out. A one-time link (`muster login-link`, the start banner) opens a page with one
 * button; only pressing it (a POST) redeems the link, so a chat client or mail scanner that fetches the
 * link to preview it cannot use it up or sign itself in.
 */
export function registerSignInRoutes(router: Router, deps: SignInRoutesDeps): void {
  const { web, sessions, cookie } = deps;
  const endPreviousSession = previousSessionEnder(web, sessions);

  router.get('/login', web.publicPage(async (r) => {
    const next = safeNext(r.url.searchParams.get('next'));
    const providers = deps.providers ?? [];
    return htmlPage(200, (
      <Layout title="Sign in">
        <h1>Sign in to Muster</h1>
        {providers.length > 0 && (
          <ul class="sign-in-providers">
            {providers.map((p) => <li><a class="button" href={`/login/${p.id}?next=${encodeURIComponent(next)}`}>{p.label}</a></li>)}
          </ul>
        )}
        <p class="muted">
          {providers.length ? 'Or use' : 'Use'} a one-time sign-in link: <code>npm start</code> prints one when the console chat is on,
          and an administrator can make one with <code>muster login-link</code>.
        </p>
      </Layout>
    ));
  }));

  router.get('/login/link/:token', web.publicPage(async () => htmlPage(200, (
    <Layout title="Sign in">
      <h1>Sign in to Muster</h1>
      {/* No action: the form posts back to this very address, so the page never repeats the token. */}
      <form method="post">
        <p>This one-time link signs this browser in. It works once and expires 15 minutes after it was made.</p>
        <button type="submit">Continue</button>
      </form>
    </Layout>
  ), LINK_PAGE_HEADERS)));

  router.post('/login/link/:token', web.publicPage(async (r) => {
    r.req.resume();
    // Only the link's own page may redeem it: another site must not sign this browser in as someone else.
    if (!sameOrigin(r, deps.publicOrigin)) throw new HttpError('not_permitted', 'Open the sign-in link in this browser and press Continue there.');
    const identity = await sessions.redeemSignInLink(r.params.token);
    if (!identity) throw new HttpError('unauthorized', 'This sign-in link was already used or has expired. Ask for a new one with `muster login-link`.');
    await endPreviousSession(r);
    const { token } = await sessions.createSession(identity, 'link');
    return redirect(safeNext(r.url.searchParams.get('next')), { 'set-cookie': sessionCookie(cookie, token, WEB_SESSION_TTL_MS / 1000) });
  }));

  router.post('/logout', web.action(async (w) => {
    await sessions.revokeSession(w.session.id);
    return redirect('/login', { 'set-cookie': clearedSessionCookie(cookie) });
  }));
}

/** Signing in again replaces this browser's session: the one its cookie named ends, so no stale session lingers. */
export function previousSessionEnder(web: Pick<WebRouting, 'sessionOf'>, sessions: Pick<WebSessionRepository, 'revokeSession'>) {
  return async (r: Parameters<WebRouting['sessionOf']>[0]): Promise<void> => {
    const previous = await web.sessionOf(r);
    if (previous) await sessions.revokeSession(previous.session.id);
  };
}
