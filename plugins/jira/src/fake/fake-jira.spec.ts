import { expect } from 'chai';
import { adfProblem, FakeJira } from './index';

const EMAIL = 'bot@acme.example';
const TOKEN = 'fake-api-token-123456';
const basic = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

describe('jira fake: checks what Jira checks', () => {
  let fake: FakeJira;
  beforeEach(async () => { fake = await FakeJira.start({ email: EMAIL, apiToken: TOKEN, personalAccessToken: 'pat-0123456789' }); });
  afterEach(async () => fake.stop());
  const call = async (method: string, path: string, body?: unknown, authorization = basic) => {
    const res = await fetch(`${fake.url}${path}`, { method, headers: { authorization, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) as unknown : undefined, retryAfter: res.headers.get('retry-after') };
  };
  const fields = (extra: Record<string, unknown> = {}) => ({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'One', ...extra } });

  it('answers 401 with Jira\'s body without, or with wrong, credentials; takes basic auth and a bearer PAT', async () => {
    expect(await call('GET', '/rest/api/3/issue/OPS-1', undefined, '')).to.deep.equal({ status: 401, body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} }, retryAfter: null });
    expect((await call('GET', '/rest/api/3/issue/OPS-1', undefined, `Basic ${Buffer.from(`${EMAIL}:nope`).toString('base64')}`)).status).to.equal(401);
    expect((await call('GET', '/rest/api/2/issue/OPS-1', undefined, 'Bearer pat-0123456789')).status).to.equal(404);
  });

  it('creates (201 id, key, self) and refuses, naming the fields, an unknown project, type or priority and a label with spaces', async () => {
    expect(await call('POST', '/rest/api/3/issue', fields())).to.deep.include({ status: 201, body: { id: '10001', key: 'OPS-1', self: `${fake.url}/rest/api/3/issue/10001` } });
    const refused = await call('POST', '/rest/api/3/issue', { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Epic' }, summary: 'x', priority: { name: 'Urgent' }, labels: ['a b'] } });
    expect(refused.status).to.equal(400);
    expect(Object.keys((refused.body as { errors: object }).errors)).to.deep.equal(['project', 'issuetype', 'priority', 'labels']);
    expect(fake.state.issues).to.have.length(1);
  });

  it('refuses a v3 description that is not valid ADF, and a v2 description that is not text', async () => {
    const refused = await call('POST', '/rest/api/3/issue', fields({ description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] } }));
    expect(refused).to.deep.include({ status: 400, body: { errorMessages: [], errors: { description: 'doc.content[0].content[0]: a text node must have non-empty text' } } });
    expect((await call('POST', '/rest/api/2/issue', fields({ description: { type: 'doc' } }))).status).to.equal(400);
    expect(adfProblem('plain text')).to.match(/must be an Atlassian Document/);
    expect(adfProblem({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: {} }] }] }] })).to.match(/needs attrs.href/);
  });

  it('lists transitions from the current status and refuses one it does not offer', async () => {
    await call('POST', '/rest/api/3/issue', fields());
    const listed = await call('GET', '/rest/api/3/issue/OPS-1/transitions');
    expect((listed.body as { transitions: { name: string }[] }).transitions.map((t) => t.name)).to.deep.equal(['In Progress', 'Done']);
    expect((await call('POST', '/rest/api/3/issue/OPS-1/transitions', { transition: { id: '11' } })).status).to.equal(400);
    expect((await call('POST', '/rest/api/3/issue/OPS-1/transitions', { transition: { id: '31' } })).status).to.equal(204);
    expect(fake.state.issue('OPS-1')!.status).to.equal('Done');
  });

  it('answers scripted failures with Retry-After, whatever the credentials, and records every request', async () => {
    fake.failNext(429, { retryAfter: 7 });
    expect(await call('GET', '/rest/api/3/issue/OPS-1', undefined, '')).to.deep.include({ status: 429, retryAfter: '7' });
    expect((await call('POST', '/rest/api/3/search/jql', { jql: 'project = OPS' })).status, 'JQL it does not understand').to.equal(400);
    expect((await call('GET', '/rest/api/3/search?jql=labels%3Dx')).status, 'Cloud removed GET /search').to.equal(404);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /rest/api/3/issue/OPS-1', 'POST /rest/api/3/search/jql', 'GET /rest/api/3/search']);
  });
});
