import type { Logger, TenantMap } from '@muster/core';
import type { WebSessionRepository } from '@muster/store';
import { WEB_SESSION_TTL_MS } from '@muster/store';
import type { Router } from '../../http/router';
import { ErrorPage } from '../layout';
import { sessionCookie, type CookieOptions } from '../session-cookie';
import { htmlPage, redirect, safeNext } from '../web-html';
import { previousSessionEnder } from '../sign-in-routes';
import type { WebRouting } from '../web-routing';
import { OidcFlow, safeCode, SignInFailed } from './oidc-flow';
import type { OidcProvider } from './oidc-providers';
import { attemptCookie, clearedAttemptCookie, readAttempt } from './oidc-state-cookie';
import type { SignInAdmission } from './sign-in-admission';

export interface OidcRoutesDeps {
  readonly web: WebRouting;
  readonly sessions: Pick<WebSessionRepository, 'createSession' | 'revokeSession'>;
  readonly cookie: CookieOptions;
  readonly providers: readonly OidcProvider[];
  /** MUSTER_PUBLIC_URL: the redirect URIs registered with the providers are `<it>/login/<id>/callback`. */
  readonly publicUrl: string;
  readonly admission: SignInAdmission;
  readonly tenants: TenantMap;
  readonly logger: Logger;
}

/**
 * `/login/<provider>` sends the browser to the provider with a fresh state, nonce and PKCE challenge;
 * `/login/<provider>/callback` checks what comes back, admits only people of the workspaces Muster
 * serves, and starts a session as that chat person. Every failure is a page saying what to do next and
 * clears the attempt; nothing the provider sent (a code, a token) is logged or shown.
 */
export function registerOidcRoutes(router: Router, deps: OidcRoutesDeps): void {
  const base = deps.publicUrl.replace(/\/+$/, '');
  const flows = new Map(deps.providers.map((p) => [p.id, new OidcFlow(p, `${base}/login/${p.id}/callback`)]));
  const endPreviousSession = previousSessionEnder(deps.web, deps.sessions);
  const refuse = (status: number, message: string) => htmlPage(status, <ErrorPage status={status} message={message} />, { 'set-cookie': clearedAttemptCookie(deps.cookie) });

  router.get('/login/:provider', deps.web.publicPage(async (r) => {
    const flow = flows.get(r.params.provider);
    if (!flow) return refuse(404, 'There is no such way to sign in here. Open /login to see the ones this Muster offers.');
    try {
      const { url, attempt } = await flow.start(safeNext(r.url.searchParams.get('next')));
      return redirect(url, { 'set-cookie': attemptCookie(deps.cookie, attempt) });
    } catch (error) {
      deps.logger.warn('sign-in: the provider could not be reached', { provider: flow.provider.id, err: error });
      return refuse(502, `${flow.provider.label} is not available right now (its sign-in service did not answer). Try again in a moment, or use a one-time link from \`muster login-link\`.`);
    }
  }));

  router.get('/login/:provider/callback', deps.web.publicPage(async (r) => {
    const flow = flows.get(r.params.provider);
    if (!flow) return refuse(404, 'There is no such way to sign in here. Open /login to see the ones this Muster offers.');
    const search = r.url.searchParams;
    const providerError = search.get('error');
    if (providerError) {
      const cancelled = providerError === 'access_denied';
      return refuse(cancelled ? 403 : 400, cancelled
        ? `Sign-in was cancelled at ${flow.provider.label.replace(/^Sign in with /, '')}: nothing was signed in. Open /login to try again.`
        : `The sign-in service answered with an error (${safeCode(providerError)}). Open /login to try again.`);
    }
    const attempt = readAttempt(r.req, deps.cookie);
    if (!attempt || attempt.provider !== flow.provider.id || search.get('state') !== attempt.state) {
      return refuse(400, 'This sign-in was not started in this browser, or it took longer than 10 minutes. Open /login and start again.');
    }
    let claims: Record<string, unknown>;
    try {
      claims = await flow.finish(search, attempt);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      deps.logger.warn('sign-in: the answer was refused', { provider: flow.provider.id, reason: error.message });
      return refuse(error.status, error.message);
    }
    const who = flow.provider.personOf(claims);
    if (!who) return refuse(403, 'The sign-in service did not say who you are in a way Muster understands (a user or workspace id is missing).');
    if (!(await deps.admission.admits(who))) {
      deps.logger.info('sign-in refused: workspace not served', { provider: flow.provider.id, workspaceId: who.workspaceId });
      return refuse(403, `Your ${who.person.platform === 'slack' ? 'Slack workspace' : 'Microsoft tenant'} (${who.workspaceId}) is not one this Muster serves, so you cannot sign in here. Ask an administrator to add it under tenants: in muster.yaml, or sign in with an account of a workspace Muster works in.`);
    }
    const tenantId = deps.tenants.tenantOf(who.person.platform, who.workspaceId);
    await endPreviousSession(r);
    const { token } = await deps.sessions.createSession({ ...who, tenantId }, flow.provider.method);
    // The attempt cookie is left to expire (one header can set one cookie): its code is used up at the provider.
    return redirect(safeNext(attempt.next), { 'set-cookie': sessionCookie(deps.cookie, token, WEB_SESSION_TTL_MS / 1000) });
  }));
}
