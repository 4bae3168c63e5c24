import type { ComponentChildren } from 'preact';
import type { WebSession } from '@muster/store';
import { assetUrl } from './web-assets';

export type NavArea = 'incidents' | 'metrics' | 'status' | 'none';

export interface LayoutProps {
  readonly title: string;
  /** Absent on public pages (the status page, sign-in). */
  readonly session?: WebSession;
  readonly csrf?: string;
  readonly area?: NavArea;
  /** Extra bundles of @muster/web for this page (`charts.js`); `dashboard.js` is always there. */
  readonly scripts?: readonly string[];
  readonly children: ComponentChildren;
}

/**
 * The frame of every dashboard page: a skip link, the site header with navigation and who is signed
 * in (with a sign-out form carrying the CSRF token), and the page's `<main>`. The CSRF token is also
 * in a meta tag for scripts that send changes with fetch.
 */
export function Layout({ title, session, csrf, area = 'none', scripts = [], children }: LayoutProps) {
  const nav: { href: string; label: string; id: NavArea }[] = [
    { href: '/', label: 'Incidents', id: 'incidents' },
    // `/metrics` itself is the Prometheus scrape endpoint (ops-routes.ts).
    { href: '/metrics/incidents', label: 'Metrics', id: 'metrics' },
    { href: '/status', label: 'Status page', id: 'status' },
  ];
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {csrf && <meta name="csrf-token" content={csrf} />}
        <title>{`${title} · Muster`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('muster.css')} />
        {['dashboard.js', ...scripts].map((s) => <script src={assetUrl(s)} defer />)}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site">
          <a class="brand" href={session ? '/' : '/status'}>Muster</a>
          {session && (
            <nav aria-label="Main">
              <ul>
                {nav.map((n) => <li><a href={n.href} aria-current={n.id === area ? 'page' : undefined}>{n.label}</a></li>)}
              </ul>
            </nav>
          )}
          {session && (
            <div class="who">
              <span>Signed in as {session.person.name ?? session.person.id} ({session.person.platform})</span>
              <form method="post" action="/logout">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" class="secondary">Sign out</button>
              </form>
            </div>
          )}
        </header>
        <main id="main" tabIndex={-1}>{children}</main>
      </body>
    </html>
  );
}

/** A refusal or failure as a page: the message (written for people, never a stack trace) and a way on. */
export function ErrorPage({ status, message, session, csrf }: { status: number; message: string; session?: WebSession; csrf?: string }) {
  const heading = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status === 401 ? 'Sign in needed' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return (
    <Layout title={heading} session={session} csrf={csrf}>
      <h1>{heading}</h1>
      <p class="flash error" role="alert">{message}</p>
      <p><a href={session ? '/' : '/login'}>{session ? 'Back to the incidents' : 'Sign in'}</a></p>
    </Layout>
  );
}
