import { expect } from 'chai';
import { FakeRemote } from './fake-remote';
import { bearerOf, type RecordedRequest, type RemoteAnswer } from './recorded-request';

/** A vendor fake as the plugins build them: its own state, its own error body. */
class CountingFake extends FakeRemote {
  created = 0;

  protected override route(request: RecordedRequest): RemoteAnswer {
    if (request.path === '/boom') throw new Error('the fake has a bug');
    if (request.method === 'POST') this.created += 1;
    return { status: request.method === 'POST' ? 201 : 200, json: { created: this.created } };
  }

  protected override errorBody(status: number): unknown {
    return { code: status, message: 'vendor says no' };
  }
}

/** Resolves once the fake has recorded `count` requests (yields to the event loop; no timer). */
async function recorded(fake: FakeRemote, count: number): Promise<void> {
  while (fake.requests.length < count) await new Promise((resolve) => setImmediate(resolve));
}

describe('FakeRemote (the base of every plugin fake)', () => {
  let fake: CountingFake;
  beforeEach(async () => { fake = await new CountingFake().start(); });
  afterEach(() => fake.stop());

  const post = (path = '/things', body = '{"a":1}') => fetch(`${fake.url}${path}`, { method: 'POST', body, headers: { authorization: 'Bearer t0k3n', 'content-type': 'application/json' } });

  it('records every request as sent, and answers through route', async () => {
    const res = await post('/things?x=1&x=2');
    expect(res.status).to.equal(201);
    expect(res.headers.get('content-type')).to.contain('application/json');
    expect(await res.json()).to.deep.equal({ created: 1 });
    const [seen] = fake.requests;
    expect(seen).to.include({ method: 'POST', url: '/things?x=1&x=2', path: '/things', body: '{"a":1}' });
    expect(seen!.json).to.deep.equal({ a: 1 });
    expect(seen!.query.getAll('x')).to.deep.equal(['1', '2']);
    expect(bearerOf(seen!)).to.equal('t0k3n');
    expect(fake.host).to.match(/^127\.0\.0\.1:\d+$/);
  });

  it('keeps a body that is not JSON as text, with json undefined', async () => {
    await post('/things', 'not json');
    expect(fake.requests[0]).to.include({ body: 'not json', json: undefined });
  });

  it('answers a scripted failure with the vendor error body and Retry-After, without reaching the route', async () => {
    fake.failNext(429, { retryAfter: 7 });
    const refused = await post();
    expect(refused.status).to.equal(429);
    expect(refused.headers.get('retry-after')).to.equal('7');
    expect(await refused.json()).to.deep.equal({ code: 429, message: 'vendor says no' });
    expect(fake.created).to.equal(0);
    expect((await post()).status).to.equal(201);
  });

  it('gives a script only to a request its match accepts, as many times as asked', async () => {
    fake.failNext(503, { match: /^POST \/things$/, times: 2, json: { custom: true } });
    expect((await fetch(`${fake.url}/things`)).status).to.equal(200);
    const first = await post();
    expect([first.status, await first.json()]).to.deep.equal([503, { custom: true }]);
    expect((await post()).status).to.equal(503);
    expect((await post()).status).to.equal(201);
    expect(fake.requestsTo(/^POST \/things$/)).to.have.length(3);
  });

  it('sends a scripted answer exactly: text as is, no state changed', async () => {
    fake.answerNext({ status: 200, text: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } });
    const res = await post();
    expect(res.headers.get('content-type')).to.equal('text/html');
    expect(await res.text()).to.equal('<html>maintenance</html>');
    expect(fake.created).to.equal(0);
  });

  it('carries out a dropped request and destroys its connection before the answer', async () => {
    fake.dropNextAnswer(/^POST /);
    const error = await post().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(fake.created).to.equal(1);
  });

  it('never answers a hung request, and ends it on stop', async () => {
    fake.hangNext();
    const hung = post().then(() => 'answered', () => 'ended');
    await recorded(fake, 1);
    expect(fake.created).to.equal(0);
    await fake.stop();
    expect(await hung).to.equal('ended');
  });

  it('shows a bug in the fake as a 500 naming it', async () => {
    const res = await fetch(`${fake.url}/boom`);
    expect(res.status).to.equal(500);
    expect(await res.json()).to.deep.equal({ message: 'fake failed: the fake has a bug' });
  });

  it('works from passed-in behaviour too, with a default error body, showing onRequest every request', async () => {
    const seen: string[] = [];
    const plain = await new FakeRemote({ route: () => ({ status: 204 }), onRequest: (r) => seen.push(r.method) }).start();
    try {
      plain.failNext(502);
      const failed = await fetch(plain.url);
      expect([failed.status, await failed.json()]).to.deep.equal([502, { error: 'scripted 502' }]);
      const empty = await fetch(plain.url);
      expect([empty.status, empty.headers.get('content-type')]).to.deep.equal([204, null]);
      expect(seen).to.deep.equal(['GET', 'GET']);
    } finally {
      await plain.stop();
    }
  });

  it('refuses to name a URL before it is started', () => {
    expect(() => new FakeRemote().url).to.throw('not started');
  });
});
