import type { Router } from '../http/router';
import { Layout } from './layout';
import { htmlPage } from './web-html';
import type { WebRouting } from './web-routing';

const METHOD_LABEL = { link: 'a one-time sign-in link', slack: 'Sign in with Slack', entra: 'Sign in with Microsoft' } as const;

/** `/account`: who this browser acts as, how it signed in, when the session ends, and the sign-out button. */
export function registerAccountRoute(router: Router, web: WebRouting): void {
  router.get('/account', web.page(async (w) => {
    const { person, workspaceId, tenantId, method, expiresAt } = w.session;
    return htmlPage(200, (
      <Layout title="Your session" session={w.session} csrf={w.csrf}>
        <h1>Your session</h1>
        <dl>
          <dt>Signed in as</dt><dd>{person.name ?? person.id} (<code>{`${person.platform}:${person.id}`}</code>)</dd>
          <dt>Workspace</dt><dd>{workspaceId} (tenant {tenantId})</dd>
          <dt>Signed in with</dt><dd>{METHOD_LABEL[method]}</dd>
          <dt>Session ends</dt><dd><time dateTime={expiresAt.toISOString()}>{expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</time></dd>
        </dl>
        <p>Signing out ends this session on every Muster instance at once.</p>
      </Layout>
    ));
  }));
}
