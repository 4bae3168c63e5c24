import { FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';
import { FakeJiraState, jiraError, type ApiVersion, type FakeJiraSetup, type Reply } from './fake-jira-state';

export interface FakeJiraOptions extends FakeJiraSetup {
  /** Cloud: basic auth with this account's email and API token. */
  readonly email?: string;
  readonly apiToken?: string;
  /** Data Center: `Authorization: Bearer <PAT>`. */
  readonly personalAccessToken?: string;
}

/**
 * A Jira site on 127.0.0.1 answering the REST API v3 (Cloud) and v2 (Data Center) as documented:
 * 401 without the credentials it was given, Jira's error bodies, 201 on create and 204 on updates and
 * transitions. Recording and scripted answers (`failNext`, `answerNext`, `hangNext`) come from the
 * SDK's `FakeRemote`; `dropCreateAnswer` makes an issue but answers otherwise (an answer lost after the create).
 */
export class FakeJira extends FakeRemote {
  readonly state: FakeJiraState;
  /** When set, a create that succeeded is answered by this instead (the issue stays made). */
  dropCreateAnswer?: Reply;

  private constructor(private readonly options: FakeJiraOptions) {
    super();
    this.state = new FakeJiraState(options, () => this.url);
  }

  static start(options: FakeJiraOptions = {}): Promise<FakeJira> {
    return new FakeJira(options).start();
  }

  protected override errorBody(status: number): unknown {
    return jiraError(status, [`Scripted failure ${status}`]).body;
  }

  protected override route(request: RecordedRequest): RemoteAnswer {
    if (request.body && request.json === undefined) return answer(jiraError(400, ['Unexpected character: the body is not JSON']));
    if (!this.authorized(request.headers.authorization)) {
      // Jira's own answer to missing or wrong credentials (it names neither).
      return answer(jiraError(401, ['You are not authenticated. Authentication required to perform this operation.']));
    }
    return answer(this.jiraRoute(request.method, request.path, request.query, request.json));
  }

  private authorized(header: string | undefined): boolean {
    const { email, apiToken, personalAccessToken } = this.options;
    if (!header) return false;
    if (personalAccessToken && header === `Bearer ${personalAccessToken}`) return true;
    return Boolean(email && apiToken && header === `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`);
  }

  private jiraRoute(method: string, pathname: string, query: URLSearchParams, body: unknown): Reply {
    const match = /^\/rest\/api\/(2|3)(\/.*)$/.exec(pathname);
    if (!match) return { status: 404, body: { errorMessages: ['Not found'] } };
    const v = match[1] as ApiVersion;
    const path = match[2]!;
    const issuePath = /^\/issue\/([^/]+)(\/transitions|\/assignee)?$/.exec(path);
    if (method === 'POST' && path === '/issue') {
      const created = this.state.create(v, body);
      return created.status === 201 && this.dropCreateAnswer ? this.dropCreateAnswer : created;
    }
    if (issuePath) {
      const key = decodeURIComponent(issuePath[1]!);
      if (!issuePath[2] && method === 'GET') return this.state.get(v, key);
      if (!issuePath[2] && method === 'PUT') return this.state.update(key, body);
      if (issuePath[2] === '/assignee' && method === 'PUT') return this.state.assign(v, key, body);
      if (issuePath[2] === '/transitions' && method === 'GET') return this.state.transitions(key);
      if (issuePath[2] === '/transitions' && method === 'POST') return this.state.transition(key, body);
    }
    // Cloud removed `GET /rest/api/3/search`; `POST /search/jql` replaces it. Data Center keeps `/search`.
    if (method === 'POST' && ((v === '3' && path === '/search/jql') || (v === '2' && path === '/search'))) return this.state.search(v, body);
    if (method === 'GET' && path === '/user/search') return this.state.userSearch(v, query);
    if (method === 'POST' && path === '/issueLink') return this.state.link(body);
    return { status: 404, body: { errorMessages: [`No route for ${method} ${pathname}`] } };
  }
}

/** Jira's state answers in the SDK fake's shape. */
function answer(reply: Reply): RemoteAnswer {
  return { status: reply.status, json: reply.body };
}
