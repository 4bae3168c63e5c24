/**
 * A fake Microsoft Graph (v1.0, the Teams resources Muster uses) and the Entra client-credentials
 * token endpoint, on 127.0.0.1, from the documented wire formats. It acts on the same
 * FakeTeamsTenant as the fake Bot Connector, so a channel made here can be posted to there and a
 * message posted there is read back here.
 *
 *   const graph = await FakeGraph.start(tenant)
 *   graph.graphUrl                  // MICROSOFT_GRAPH_URL: http://127.0.0.1:PORT/v1.0/
 *   graph.loginUrl                  // token endpoint base: POST {loginUrl}/{tenant}/oauth2/v2.0/token
 *   graph.clientId, graph.clientSecret
 *   graph.calls('create channel'), graph.failNext('create channel', { status: 503, retryAfter: '4' })
 *
 * Errors as Graph sends them: 409 NameAlreadyExists for a taken channel name, 403 Forbidden "This
 * team has exceeded the Max allowed channels" at the team's limit (deleted channels count), 404
 * NotFound, 400 BadRequest for names Teams refuses.
 */
import { FakeHttpServer, type Fault, type RecordedRequest, type Route, ServiceError } from './fake-http-server';
import { FakeTeamsTenant, type Json } from './fake-teams-tenant';
import { graphRoutes } from './fake-graph-routes';

export class FakeGraph {
  readonly clientId: string;
  readonly clientSecret = 'fake-graph-client-secret';
  readonly accessToken = 'fake-graph-access-token';
  /** Token requests answered so far (a client should cache its token). */
  tokensIssued = 0;

  private constructor(private readonly http: FakeHttpServer, readonly tenant: FakeTeamsTenant) {
    this.clientId = tenant.appId;
  }

  /**
   * `acceptToken` lets Graph take the app-only tokens another authority issues (a FakeEntra, when the
   * server under test gets every token from one MICROSOFT_LOGIN_URL); by default only its own.
   */
  static async start(tenant = new FakeTeamsTenant(), options: { acceptToken?: (token: string, graphOrigin: string) => boolean } = {}): Promise<FakeGraph> {
    const started: { fake?: FakeGraph } = {};
    const tokenRoute: Route = {
      method: 'POST', pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, operation: 'token',
      handle: ([tenantId], body) => started.fake!.issueToken(tenantId!, body),
    };
    const http = await FakeHttpServer.start([tokenRoute, ...graphRoutes(tenant)], (authorization, route) => {
      if (route === tokenRoute) return;
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
      if (token !== started.fake!.accessToken && !options.acceptToken?.(token, started.fake!.origin)) throw new ServiceError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
    });
    started.fake = new FakeGraph(http, tenant);
    return started.fake;
  }

  get origin(): string { return this.http.origin; }
  get graphUrl(): string { return `${this.http.origin}/v1.0/`; }
  get loginUrl(): string { return this.http.origin; }
  calls(operation?: string): RecordedRequest[] { return this.http.calls(operation); }
  failNext(operation: string, fault: Fault, times = 1): void { this.http.failNext(operation, fault, times); }
  dropConnectionNext(operation: string): void { this.http.dropConnectionNext(operation); }
  hangNext(operation: string): void { this.http.hangNext(operation); }
  close(): Promise<void> { return this.http.close(); }

  private issueToken(tenantId: string, body: Json): { status: number; body: Json } {
    const refuse = (error: string, status = 400) => ({ status, body: { error, error_description: `AADSTS: ${error}`, error_codes: [7000215] } });
    if (tenantId !== this.tenant.tenantId) return refuse('invalid_request');
    if (body.grant_type !== 'client_credentials') return refuse('unsupported_grant_type');
    if (body.client_id !== this.clientId || body.client_secret !== this.clientSecret) return refuse('invalid_client', 401);
    if (typeof body.scope !== 'string' || !body.scope.endsWith('/.default')) return refuse('invalid_scope');
    this.tokensIssued++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: this.accessToken } };
  }
}
