import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

/** What REST gained to match the dashboard: the incident list's filters, and an OpenAPI document that holds together. */
describe('server: REST incident list filters and the OpenAPI document (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  const list = async (query: string, token = server.token) => call(`${api}/incidents?${query}`, { token });
  const refs = async (query: string, token = server.token) => ((await list(query, token)).body.incidents as { reference: string }[]).map((i) => i.reference);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const declared: Record<string, string> = {};

  before(async () => {
    dir = tempDir('rest-dashboard');
    server = await startInProcess(dir);
    api = `${server.url}/api/v1`;
    for (const [name, body] of Object.entries({
      zebraCheckout: { title: 'Zebra checkout errors', services: ['checkout'] },
      zebraSearch: { title: 'Zebra search slow', services: ['search'], summary: 'Latency on the disk tier' },
      quiet: { title: 'Quiet queue', services: ['Checkout'] },
      secret: { title: 'Zebra private breach', private: true },
    })) {
      declared[name] = (await call(`${api}/incidents`, { token: server.token, json: body })).body.reference;
    }
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('filters by declaration time: a window around now has them all, one before or after none', async () => {
    const all = Object.values(declared);
    expect(await refs(`declaredFrom=${day(-1)}&declaredBefore=${day(1)}`)).to.have.members(all);
    expect(await refs(`declaredFrom=${new Date(Date.now() - 3_600_000).toISOString()}`)).to.have.members(all);
    expect(await refs(`declaredFrom=${day(1)}`)).to.deep.equal([]);
    expect(await refs(`declaredBefore=${day(-1)}`)).to.deep.equal([]);
  });

  it('filters by service ignoring case and by words in the title or summary; pages through text matches', async () => {
    expect(await refs('service=CHECKOUT')).to.have.members([declared.zebraCheckout, declared.quiet]);
    expect(await refs('q=zebra')).to.have.members([declared.zebraCheckout, declared.zebraSearch, declared.secret]);
    expect(await refs('q=ZEBRA%20disk')).to.deep.equal([declared.zebraSearch]);
    expect(await refs('q=zebra&service=checkout')).to.deep.equal([declared.zebraCheckout]);
    expect(await refs(`q=${declared.quiet.toLowerCase()}`)).to.deep.equal([declared.quiet]);
    const first = await list('q=zebra&limit=2');
    expect(first.body.incidents).to.have.length(2);
    expect(first.body.nextBefore).to.be.a('number');
    const second = await list(`q=zebra&limit=2&before=${first.body.nextBefore}`);
    const paged = [...first.body.incidents, ...second.body.incidents].map((i: { reference: string }) => i.reference);
    expect(paged).to.have.members([declared.zebraCheckout, declared.zebraSearch, declared.secret]);
    expect(second.body.nextBefore).to.equal(null);
  });

  it('lists a private incident to its tenant\'s token (an administrator) and never to another tenant', async () => {
    expect(await refs('q=private')).to.deep.equal([declared.secret]);
    const { token: foreign } = await server.store.apiTokens.create('globex-ci', { tenantId: 'globex' });
    for (const query of ['q=zebra', 'service=checkout', `declaredFrom=${day(-1)}`, '']) {
      const answer = await list(query, foreign);
      expect(answer.status).to.equal(200);
      expect(answer.body.incidents, query).to.deep.equal([]);
    }
  });

  it('refuses malformed filters with 400 naming the parameter, never echoing markup', async () => {
    const cases: [string, RegExp][] = [
      ['declaredFrom=yesterday', /"declaredFrom" must be an ISO 8601 date/], ['declaredFrom=2026-02-30', /"declaredFrom"/],
      ['declaredBefore=2026-12-01T10:00:00', /"declaredBefore" must be an ISO 8601/], [`declaredFrom=${day(1)}&declaredBefore=${day(-1)}`, /"declaredFrom" must be earlier/],
      [`q=${'a'.repeat(201)}`, /"q" must be at most 200/], ['service=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /"service" must be a service name/],
      ['service=a%20b', /"service"/], ['declaredFrom=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /"declaredFrom"/],
    ];
    for (const [query, reason] of cases) {
      const answer = await list(query);
      expect(answer.status, query).to.equal(400);
      expect(answer.body.error.message, query).to.match(reason);
      expect(answer.text).not.to.match(/<script|<img/);
    }
    expect((await list('q=%ED%A0%80')).status, 'a lone surrogate in the query decodes to U+FFFD: no match, no error').to.equal(200);
  });

  it('documents every new route and parameter in an OpenAPI 3.1 document whose references all resolve', async () => {
    const doc = (await call(`${api}/openapi.json`)).body;
    expect(doc.openapi).to.equal('3.1.0');
    const listParams = doc.paths['/api/v1/incidents'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).to.include.members(['declaredFrom', 'declaredBefore', 'service', 'q']);
    const expected: [string, string, string, string | undefined][] = [
      ['post', '/api/v1/incidents/{ref}/status-updates', '201', 'StatusUpdateRequest'],
      ['get', '/api/v1/incidents/{ref}/status-updates/{updateId}', '200', undefined],
      ['patch', '/api/v1/incidents/{ref}/status-updates/{updateId}', '200', 'StatusUpdateEdit'],
      ['post', '/api/v1/incidents/{ref}/status-updates/{updateId}/approval', '200', 'StatusUpdateApproval'],
      ['post', '/api/v1/incidents/{ref}/status-updates/{updateId}/rejection', '200', 'StatusUpdateRejection'],
      ['put', '/api/v1/incidents/{ref}/postmortem/sections/{key}', '200', 'SectionEdit'],
      ['post', '/api/v1/incidents/{ref}/postmortem/review', '200', 'Empty'],
      ['get', '/api/v1/incidents/{ref}/postmortem', '200', undefined],
    ];
    for (const [method, path, success, body] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).to.be.an('object');
      expect(operation.responses).to.include.keys(success, '400', '401', '403', '404');
      if (body) {
        expect(operation.requestBody.content['application/json'].schema.$ref).to.equal(`#/components/schemas/${body}`);
        expect(operation.responses).to.include.keys('409', '413', '415', '422');
        expect(operation.parameters.map((p: { name: string }) => p.name)).to.include('Idempotency-Key');
      }
    }
    expect(doc.paths['/api/v1/incidents/{ref}/postmortem'].get.responses['200'].content['application/json'].schema.$ref).to.equal('#/components/schemas/Postmortem');
    expect(doc.components.schemas.StatusUpdate.required).to.include('version');
    expect(doc.components.schemas.TransitionRequest.properties.action.enum).to.include('postmortem');

    // Structure: every $ref resolves, every path parameter is declared (and only those), every status is a code.
    const refsIn = (node: unknown): string[] => (Array.isArray(node) ? node.flatMap(refsIn)
      : node && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => (k === '$ref' ? [v as string] : refsIn(v))) : []);
    for (const target of refsIn(doc)) {
      expect(target, target).to.match(/^#\/components\/schemas\//);
      expect(doc.components.schemas[target.split('/').pop()!], target).to.be.an('object');
    }
    const routes = server.running.http.router.list().filter((r) => r.pattern.startsWith('/api/')).map((r) => `${r.method.toLowerCase()} ${r.pattern.replace(/:(\w+)/g, '{$1}')}`);
    for (const [path, item] of Object.entries(doc.paths) as [string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[]; responses: object }>][]) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        expect(routes, 'documented routes exist').to.include(`${method} ${path}`);
        const declaredInPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
        expect(declaredInPath.map((p) => p.name), `${method} ${path}`).to.have.members(inPath);
        expect(declaredInPath.every((p) => p.required === true), `${method} ${path} path parameters are required`).to.equal(true);
        for (const status of Object.keys(operation.responses)) expect(status, `${method} ${path}`).to.match(/^[1-5]\d\d$/);
      }
    }
  });
});
