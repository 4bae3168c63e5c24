import { expect } from 'chai';
import { PluginHttpError } from '../errors';
import type { PluginHttp } from '../plugin-context';
import { createPluginHttp } from './create-plugin-http';
import type { HttpAttempt, PluginHttpOptions } from './http-options';
import { json, ScriptedServer, status } from './scripted-server.spec-helper';

const TOKEN = 'xoxp-very-secret-api-token';

/** The PluginHttpError a call fails with (and a test failure if it succeeds or fails otherwise). */
async function failureOf(call: Promise<unknown>): Promise<PluginHttpError> {
  try {
    await call;
  } catch (error) {
    expect(error).to.be.instanceOf(PluginHttpError);
    return error as PluginHttpError;
  }
  throw new Error('expected the call to fail');
}

describe('createPluginHttp', () => {
  let api: ScriptedServer;
  let elsewhere: ScriptedServer;
  let attempts: HttpAttempt[];
  // No jitter wait between retries unless a test says otherwise: the scripted server answers at once.
  const client = (options: PluginHttpOptions = {}): PluginHttp => createPluginHttp({ random: () => 0, onAttempt: (a) => attempts.push(a), ...options });

  before(async () => {
    api = await new ScriptedServer().start();
    elsewhere = await new ScriptedServer().start();
  });
  after(async () => {
    await api.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    attempts = [];
    api.script();
    elsewhere.script(status(200, 'reached'));
  });

  it('sends JSON with its content type and reads the JSON answer', async () => {
    api.script(json({ id: 'T-1' }, 201));
    const answer = await client().request({ method: 'POST', url: api.url('/tickets'), json: { title: 'Disk full' }, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).to.equal(201);
    expect(answer.json()).to.deep.equal({ id: 'T-1' });
    expect(api.seen[0]!.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(api.seen[0]!.body)).to.deep.equal({ title: 'Disk full' });
  });

  it('waits the Retry-After seconds of a 429, then succeeds', async () => {
    api.script(status(429, 'slow down', { 'retry-after': '1' }), json({ ok: true }));
    const answer = await client().request({ method: 'GET', url: api.url('/users') });
    expect(answer.json()).to.deep.equal({ ok: true });
    expect(api.seen).to.have.length(2);
    expect(attempts.map((a) => [a.status, a.retryInMs])).to.deep.equal([[429, 1000], [200, undefined]]);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    api.script((res) => { res.writeHead(429, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }).end(); }, json({ ok: true }));
    await client().request({ method: 'GET', url: api.url('/users') });
    expect(api.seen).to.have.length(2);
    expect(attempts[0]!.retryInMs).to.be.within(1, 2000);
  });

  it('does not wait past the deadline: fails at once with retryAfterMs for the outbox', async () => {
    api.script(status(429, '', { 'retry-after': '120' }), json({ ok: true }));
    const error = await failureOf(client({ deadlineMs: 5000 }).request({ method: 'POST', url: api.url('/pages'), json: {} }));
    expect(error.status).to.equal(429);
    expect(error.retryAfterMs).to.equal(120_000);
    expect(api.seen, 'no second attempt').to.have.length(1);
  });

  it('retries a 503, then returns the 200', async () => {
    api.script(status(503), status(502), json({ fine: true }));
    const answer = await client().request({ method: 'GET', url: api.url('/status') });
    expect(answer.status).to.equal(200);
    expect(api.seen).to.have.length(3);
  });

  it('gives up after the retries with the status and an excerpt of the body', async () => {
    api.script(status(503, 'maintenance window'));
    const error = await failureOf(client().request({ method: 'GET', url: api.url('/status'), retries: 1 }));
    expect(error.status).to.equal(503);
    expect(error.body).to.equal('maintenance window');
    expect(error.message).to.include('after 2 attempts');
    expect(api.seen).to.have.length(2);
  });

  it('does not retry a 400, a 404 or a 500', async () => {
    for (const code of [400, 404, 500]) {
      api.script(status(code, 'no such project'));
      const error = await failureOf(client().request({ method: 'POST', url: api.url('/issues'), json: {} }));
      expect(error.status).to.equal(code);
      expect(api.seen, `${code} tried once`).to.have.length(1);
    }
  });

  it('never puts request headers, query keys or the host’s secrets in an error, even when the remote echoes them', async () => {
    api.script((res, req) => { res.writeHead(401).end(`bad credentials: ${JSON.stringify(req.headers)} at ${req.url} routing ${req.body}`); });
    const error = await failureOf(client({ redact: ['routing-key-0042'] }).request({
      method: 'POST', url: api.url(`/v2/enqueue?api_key=${TOKEN}-q`), headers: { authorization: `Bearer ${TOKEN}`, 'x-api-key': 'dd-app-key-77' }, json: { routing_key: 'routing-key-0042' },
    }));
    expect(error.status).to.equal(401);
    const everything = `${error.message} ${error.body} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(attempts)}`;
    for (const secret of [TOKEN, 'dd-app-key-77', 'routing-key-0042']) expect(everything).not.to.include(secret);
    expect(error.body).to.include('bad credentials');
  });

  it('ends an attempt that hangs past its time limit, and retries it within the deadline', async () => {
    api.script(api.hang());
    const error = await failureOf(client().request({ method: 'GET', url: api.url('/slow'), timeoutMs: 100, retries: 1 }));
    expect(error.status).to.equal(undefined);
    expect(error.message).to.match(/timed out after 100 ms after 2 attempts/);
    expect(api.seen).to.have.length(2);
  });

  it('stops retrying a hanging remote when the deadline for the whole call is spent', async () => {
    api.script(api.hang());
    const error = await failureOf(client({ deadlineMs: 300 }).request({ method: 'GET', url: api.url('/slow'), timeoutMs: 100, retries: 10 }));
    expect(error.message).to.match(/timed out/);
    expect(api.seen.length, 'the deadline cut the ten retries short').to.be.below(5);
  });

  it('retries a refused connection, then says so', async () => {
    const closed = await new ScriptedServer().start();
    const url = closed.url('/');
    await closed.close();
    const error = await failureOf(client().request({ method: 'GET', url, retries: 1 }));
    expect(error.status).to.equal(undefined);
    expect(error.message).to.match(/connection refused after 2 attempts/);
    expect(attempts).to.have.length(2);
  });

  it('refuses an answer larger than the cap, declared or streamed, without retrying', async () => {
    api.script(status(200, 'x'.repeat(5000)));
    const declared = await failureOf(client({ maxResponseBytes: 1000 }).request({ method: 'GET', url: api.url('/big') }));
    expect(declared.message).to.include('larger than 1000 bytes');
    api.script((res) => { res.writeHead(200); res.write('y'.repeat(800)); res.end('y'.repeat(800)); });
    const streamed = await failureOf(client({ maxResponseBytes: 1000 }).request({ method: 'GET', url: api.url('/big') }));
    expect(streamed.message).to.include('larger than 1000 bytes');
    expect(api.seen).to.have.length(1);
  });

  it('refuses a redirect to a host the plugin may not call, and never reaches it', async () => {
    api.script(status(302, '', { location: elsewhere.url('/steal') }));
    const error = await failureOf(client({ baseUrl: api.url('/') }).request({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(error.message).to.include(`${elsewhere.host} is not among the hosts`);
    expect(elsewhere.seen).to.have.length(0);
  });

  it('follows a redirect on an allowed host, and drops credentials when it changes origin', async () => {
    api.script(status(307, '', { location: '/v2/me' }), json({ me: 1 }));
    const same = await client({ allowedHosts: [api.host] }).request({ method: 'GET', url: api.url('/v1/me'), headers: { authorization: `Bearer ${TOKEN}` } });
    expect(same.json()).to.deep.equal({ me: 1 });
    expect(api.seen.map((r) => [r.url, r.headers.authorization])).to.deep.equal([['/v1/me', `Bearer ${TOKEN}`], ['/v2/me', `Bearer ${TOKEN}`]]);

    api.script(status(303, '', { location: elsewhere.url('/done') }));
    await client({ allowedHosts: [api.host, elsewhere.host] }).request({ method: 'POST', url: api.url('/v1/run'), json: { a: 1 }, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(elsewhere.seen.map((r) => [r.method, r.headers.authorization, r.body])).to.deep.equal([['GET', undefined, '']]);
  });

  it('refuses URLs off the allowed hosts, other schemes and credentials in the URL before sending anything', async () => {
    const http = client({ baseUrl: api.url('/api/') });
    for (const url of [elsewhere.url('/x'), 'file:///etc/passwd', `http://user:${TOKEN}@${api.host}/`, 'http://[::1']) {
      const error = await failureOf(http.request({ method: 'GET', url }));
      expect(error.message).not.to.include(TOKEN);
    }
    expect(api.seen).to.have.length(0);
    expect(elsewhere.seen).to.have.length(0);
  });

  it('refuses a header HTTP cannot carry without quoting its value, and sends nothing', async () => {
    const error = await failureOf(client().request({ method: 'GET', url: api.url('/'), headers: { authorization: `Bearer ${TOKEN}\nX-Injected: 1` } }));
    expect(error.message).to.include('authorization header');
    expect(`${error.message} ${error.stack}`).not.to.include(TOKEN);
    await failureOf(client().request({ method: 'POST', url: api.url('/'), json: { n: 1n } }));
    expect(api.seen).to.have.length(0);
  });

  it('resolves relative URLs against the base URL', async () => {
    api.script(json({ ok: 1 }));
    await client({ baseUrl: api.url('/api/') }).request({ method: 'GET', url: 'incidents?limit=1' });
    expect(api.seen[0]!.url).to.equal('/api/incidents?limit=1');
  });

  it('reports attempts without the query string, and a failing hook breaks nothing', async () => {
    api.script(status(503), json({}));
    await client().request({ method: 'GET', url: api.url(`/search?apiKey=${TOKEN}`) });
    expect(attempts.map((a) => a.url)).to.deep.equal([api.url('/search?…'), api.url('/search?…')]);
    const loud = createPluginHttp({ random: () => 0, onAttempt: () => { throw new Error('logger down'); } });
    api.script(json({ ok: true }));
    expect((await loud.request({ method: 'GET', url: api.url('/') })).status).to.equal(200);
  });

  it('throws PluginHttpError from json() when the answer is not JSON', async () => {
    api.script(status(200, '<html>login</html>'));
    const answer = await client().request({ method: 'GET', url: api.url('/') });
    expect(() => answer.json()).to.throw(PluginHttpError, /not JSON/);
  });
});
