import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { postRaw, rawPost } from './rest-support';

const MiB = 1024 * 1024;

describe('server: REST edge — body limits, Unicode, Idempotency-Key, API wording (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  const count = async () => (await call(`${api}/incidents?limit=200`, { token: server.token })).body.incidents.length as number;

  before(async () => {
    dir = tempDir('rest-edge');
    server = await startInProcess(dir);
    api = `${server.url}/api/v1`;
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  describe('bodies over the limit', () => {
    for (const [label, bytes, declared] of [['chunked 1 MiB', MiB, false], ['chunked 2 MiB', 2 * MiB, false], ['chunked 20 MiB', 20 * MiB, false], ['declared 1 MiB', MiB, true], ['declared 20 MiB', 20 * MiB, true]] as const) {
      it(`answers a ${label} body with 413 and a JSON reason, not a reset, and declares nothing`, async () => {
        const before = await count();
        const answer = await rawPost(`${api}/incidents`, server.token, bytes, declared);
        expect(answer.status).to.equal(413);
        expect(answer.body.error.code).to.equal('payload_too_large');
        expect(answer.body.error.message).to.match(/larger than 64 KiB/);
        expect(await count()).to.equal(before);
      });
    }

    it('still reads a body just under the limit', async () => {
      const answer = await call(`${api}/incidents`, { token: server.token, json: { title: 'Near the limit', summary: 'y'.repeat(3900) } });
      expect(answer.status).to.equal(201);
    });
  });

  describe('lone UTF-16 surrogates', () => {
    const cases: [string, string, RegExp][] = [
      ['in a list', '{"title":"ok","services":["x\\ud800y"]}', /"services\[0\]" contains a lone UTF-16 surrogate/],
      ['a low one alone', '{"title":"a\\udc00"}', /"title" contains a lone/],
      ['a high one at the end', '{"title":"ok","summary":"tail \\udbff"}', /"summary" contains a lone/],
      ['in a field name', '{"title":"ok","\\ud800":1}', /field name/],
    ];
    for (const [what, body, reason] of cases) {
      it(`refuses one ${what} with 400 naming the field, and stores nothing`, async () => {
        const before = await count();
        const answer = await postRaw(`${api}/incidents`, server.token, body);
        expect(answer.status).to.equal(400);
        expect(answer.body.error.code).to.equal('validation_failed');
        expect(answer.body.error.message).to.match(reason);
        expect(await count()).to.equal(before);
      });
    }

    it('refuses bytes that are not UTF-8 instead of replacing them', async () => {
      const answer = await postRaw(`${api}/incidents`, server.token, Buffer.concat([Buffer.from('{"title":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]));
      expect(answer.status).to.equal(400);
      expect(answer.body.error.message).to.match(/not valid UTF-8/);
    });

    it('keeps a proper surrogate pair (an emoji) intact', async () => {
      const answer = await postRaw(`${api}/incidents`, server.token, '{"title":"Pager \\ud83d\\udea8 down","services":["x\\ud83d\\ude00y"]}');
      expect(answer.status).to.equal(201);
      expect(answer.body.title).to.equal('Pager 🚨 down');
      expect(answer.body.services).to.deep.equal(['x😀y']);
    });
  });

  describe('Idempotency-Key', () => {
    const declare = (json: unknown, key: string, token = server.token) => call(`${api}/incidents`, { token, json, headers: { 'idempotency-key': key } });

    it('replays the stored answer for the same request, and refuses a different body with 422', async () => {
      const first = await declare({ title: 'Key reuse A' }, 'reuse-1');
      expect(first.status).to.equal(201);
      const replay = await declare({ title: 'Key reuse A' }, 'reuse-1');
      expect(replay.status).to.equal(201);
      expect(replay.headers.get('idempotent-replayed')).to.equal('true');
      expect(replay.body).to.deep.equal(first.body);
      const before = await count();
      const other = await declare({ title: 'Key reuse B' }, 'reuse-1');
      expect(other.status).to.equal(422);
      expect(other.body.error.code).to.equal('idempotency_key_reused');
      expect(other.body.error.message).to.match(/different request/);
      expect(await count(), 'no second incident').to.equal(before);
    });

    it('refuses a note key reused on another incident, and never returns the other incident\'s entry', async () => {
      const one = (await call(`${api}/incidents`, { token: server.token, json: { title: 'Note one' } })).body.reference;
      const two = (await call(`${api}/incidents`, { token: server.token, json: { title: 'Note two' } })).body.reference;
      const note = (ref: string) => call(`${api}/incidents/${ref}/timeline`, { token: server.token, json: { text: 'Same words.' }, headers: { 'idempotency-key': 'note-key' } });
      expect((await note(one)).status).to.equal(201);
      const elsewhere = await note(two);
      expect(elsewhere.status).to.equal(422);
      expect(JSON.stringify(elsewhere.body)).not.to.contain('Same words.');
      const timeline = await call(`${api}/incidents/${two}/timeline`, { token: server.token });
      expect(timeline.body.entries.map((e: { kind: string }) => e.kind)).not.to.include('note');
    });

    it('refuses the same key on another route', async () => {
      const ref = (await declare({ title: 'Route reuse' }, 'route-key')).body.reference;
      const answer = await call(`${api}/incidents/${ref}/timeline`, { token: server.token, json: { title: 'Route reuse' }, headers: { 'idempotency-key': 'route-key' } });
      expect(answer.status, 'the body is checked first: this one is invalid for notes').to.equal(400);
      const note = await call(`${api}/incidents/${ref}/timeline`, { token: server.token, json: { text: 'x' }, headers: { 'idempotency-key': 'route-key' } });
      expect(note.status).to.equal(422);
    });

    it('scopes keys by token without ambiguity: "a:b" + "c" and "a" + "b:c" are two requests', async () => {
      const ab = (await server.store.apiTokens.create('a:b')).token;
      const a = (await server.store.apiTokens.create('a')).token;
      const first = await declare({ title: 'Scoped key' }, 'c', ab);
      const second = await declare({ title: 'Scoped key' }, 'b:c', a);
      const third = await declare({ title: 'Scoped key' }, 'c', a);
      expect([first.status, second.status, third.status]).to.deep.equal([201, 201, 201]);
      expect(new Set([first.body.reference, second.body.reference, third.body.reference]).size).to.equal(3);
      expect(third.headers.get('idempotent-replayed')).to.equal(null);
    });

    it('makes one incident from the same request sent five times at once', async () => {
      const answers = await Promise.all(Array.from({ length: 5 }, () => declare({ title: 'Sent at once' }, 'burst-key')));
      for (const answer of answers) expect([201, 409], answer.text).to.include(answer.status);
      const list = await call(`${api}/incidents?limit=200`, { token: server.token });
      expect(list.body.incidents.filter((i: { title: string }) => i.title === 'Sent at once')).to.have.length(1);
      const later = await declare({ title: 'Sent at once' }, 'burst-key');
      expect(later.status).to.equal(201);
      expect(later.body.reference).to.equal(answers.find((a) => a.status === 201)!.body.reference);
    });

    it('does not spend a key on a refused request', async () => {
      expect((await declare({ title: '' }, 'fix-and-retry')).status).to.equal(400);
      const fixed = await declare({ title: 'Fixed and retried' }, 'fix-and-retry');
      expect(fixed.status).to.equal(201);
      expect(fixed.headers.get('idempotent-replayed')).to.equal(null);
    });

    it('refuses keys that are too long or hold control characters or spaces', async () => {
      for (const key of ['k'.repeat(201), 'tab\there', 'with space']) {
        const before = await count();
        const answer = await declare({ title: 'Bad key' }, key);
        expect(answer.status, JSON.stringify(key)).to.equal(400);
        expect(answer.body.error.code).to.equal('invalid_idempotency_key');
        expect(await count()).to.equal(before);
      }
    });
  });

  describe('error wording', () => {
    it('speaks REST, not chat commands, for a missing incident', async () => {
      for (const path of ['incidents/INC-424242', 'incidents/INC-424242/timeline', 'incidents/INC-424242/action-items']) {
        const answer = await call(`${api}/${path}`, { token: server.token });
        expect(answer.status).to.equal(404);
        expect(answer.body.error.code).to.equal('not_found');
        expect(answer.body.error.message).to.contain('INC-424242').and.contain('GET /api/v1/incidents');
        expect(answer.body.error.message).not.to.match(/`|\/incident |room/);
      }
    });
  });
});
