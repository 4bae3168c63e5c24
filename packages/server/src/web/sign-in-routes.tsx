import { WEB_SESSION_TTL_MS, type WebSessionRepository } from '@muster/store';
import { HttpError } from '../http/http-error';
import type { Router } from '../http/router';
import { Layout } from './layout';
import { clearedSessionCookie, sessionCookie, type CookieOptions } from './session-cookie';
import { htmlPage, redirect, safeNext } from './web-html';
import type { WebRouting } from './web-routing';

export interface SignInRoutesDeps {
  readonly web: WebRouting;
  readonly sessions: WebSessionRepository;
  readonly cookie: CookieOptions;
  /** The sign-in buttons of the configured OpenID Connect providers (`Sign in with Slack`), if any. */
  readonly providers?: readonly { readonly id: string; readonly label: string }[];
}

/**
 * Sign-in and sign-out. A one-time link (`muster login-link`, the start banner) opens a page with one
 * button; only pressing it (a POST) redeems the link, so a chat client or mail scanner that fetches the
 * link to preview it cannot use it up or sign itself in.
 */
export function registerSignInRoutes(router: Router, deps: SignInRoutesDeps): void {
  const { web, sessions, cookie } = deps;

  router.get('/login', web.publicPage(async (r) => {
    const next = safeNext(r.url.searchParams.get('next'));
    const providers = deps.providers ?? [];
    return htmlPage(200, (
      <Layout title="Sign in">
        <h1>Sign in to Muster</h1>
        {providers.map((p) => <p><a class="button" href={`/login/${p.id}?next=${encodeURIComponent(next)}`}>{p.label}</a></p>)}
        <p class="muted">
          {providers.length ? 'Or use' : 'Use'} a one-time sign-in link: <code>npm start</code> prints one when the console chat is on,
          and an administrator can make one with <code>muster login-link</code>.
        </p>
      </Layout>
    ));
  }));

  router.get('/login/link/:token', web.publicPage(async (r) => htmlPage(200, (
    <Layout title="Sign in">
      <h1>Sign in to Muster</h1>
      <form method="post" action={`/login/link/${encodeURIComponent(r.params.token)}?next=${encodeURIComponent(safeNext(r.url.searchParams.get('next')))}`}>
        <p>This one-time link signs this browser in. It works once and expires 15 minutes after it was made.</p>
        <button type="submit">Continue</button>
      </form>
    </Layout>
  ))));

  router.post('/login/link/:token', web.publicPage(async (r) => {
    r.req.resume();
    const origin = r.req.headers.origin;
    const host = r.req.headers.host;
    if (origin && origin !== `http://${host}` && origin !== `https://${host}`) throw new HttpError('not_permitted', 'Open the sign-in link in this browser and press Continue there.');
    const identity = await sessions.redeemSignInLink(r.params.token);
    if (!identity) throw new HttpError('unauthorized', 'This sign-in link was already used or has expired. Ask for a new one with `muster login-link`.');
    const { token } = await sessions.createSession(identity, 'link');
    return redirect(safeNext(r.url.searchParams.get('next')), { 'set-cookie': sessionCookie(cookie, token, WEB_SESSION_TTL_MS / 1000) });
  }));

  router.post('/logout', web.action(async (w) => {
    await sessions.revokeSession(w.session.id);
    return redirect('/login', { 'set-cookie': clearedSessionCookie(cookie) });
  }));
}
