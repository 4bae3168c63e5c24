import { expect } from 'chai';
import { TOKENS, type MusterSettings, type PersonRef, type StatusUpdate } from '@muster/core';
import { quietServer } from '../e2e/settle-server';
import { ana, askForDraft, bob, declare, incidentId, startUpdatesWorld, updateNow, type UpdatesWorld } from '../browser/updates-fixture';

/**
 * The approve / edit / reject actions of the stakeholder updates page over plain HTTP: what a browser
 * could be made to send (no token, another origin), what the wrong person sends (not the role, not a
 * participant of a private incident, an id from another incident) and malformed or huge input. Each is
 * refused with a clear status and message, and nothing changes.
 */
describe('web: status update actions refuse the wrong request and change nothing', function () {
  this.timeout(60_000);
  let world: UpdatesWorld;
  let pub: string;
  let secret: string;
  let draft: StatusUpdate;
  let privateDraft: StatusUpdate;

  before(async () => {
    // Another company's Slack workspace, a tenant of its own: nothing of the default tenant is theirs to see.
    world = await startUpdatesWorld('web-updates-http', ['tenants: { acme: { slack: [T0ACME] } }']);
    pub = await declare(world.server, ana, 'Checkout errors');
    secret = await declare(world.server, ana, 'Suspected breach at Acme', '--private');
    draft = await askForDraft(world.server, ana, pub);
    privateDraft = await askForDraft(world.server, ana, secret);
  });
  after(async () => { await world?.stop(); });

  /** A signed-in browser's cookie and the CSRF token its page carries. */
  async function session(person: PersonRef, ref = pub, workspaceId = 'local', tenantId = 'default'): Promise<{ cookie: string; csrf: string }> {
    const { token } = await world.server.store.webSessions.createSession({ person, workspaceId, tenantId }, 'link');
    const cookie = `muster_session=${token}`;
    const page = await fetch(`${world.server.url}/incidents/${ref}/updates`, { headers: { cookie } });
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    return { cookie, csrf };
  }

  async function post(path: string, fields: Record<string, string>, who?: { cookie: string }, headers: Record<string, string> = {}) {
    const res = await fetch(`${world.server.url}${path}`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: world.server.url, ...(who && { cookie: who.cookie }), ...headers },
    });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }
  const approvePath = (ref: string, id: string) => `/incidents/${ref}/updates/${id}/approve`;

  async function unchanged(update: StatusUpdate): Promise<void> {
    await quietServer(world.server.running);
    const now = await updateNow(world.server, update.id);
    expect(now.state).to.equal(update.state);
    expect(now.version).to.equal(update.version);
    expect(now.body).to.equal(update.body);
  }

  it('refuses a change without the CSRF token, from another origin, or without a session', async () => {
    const ana1 = await session(ana);
    expect(ana1.csrf).to.not.equal('');
    const noToken = await post(approvePath(pub, draft.id), { version: String(draft.version) }, ana1);
    expect(noToken.status).to.equal(403);
    expect(noToken.text).to.contain('security token does not match');
    const foreign = await post(approvePath(pub, draft.id), { _csrf: ana1.csrf, version: String(draft.version) }, ana1, { origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    const anonymous = await post(approvePath(pub, draft.id), { _csrf: ana1.csrf, version: String(draft.version) });
    expect(anonymous.status).to.equal(401);
    await unchanged(draft);
  });

  it('answers a person without the role with core\'s refusal, for approve, edit and reject', async () => {
    const b = await session(bob);
    const approve = await post(approvePath(pub, draft.id), { _csrf: b.csrf, version: String(draft.version) }, b);
    expect(approve.status).to.equal(403);
    expect(approve.text).to.match(/Only the .* can approve stakeholder updates on INC-/);
    const edit = await post(`/incidents/${pub}/updates/${draft.id}/edit`, { _csrf: b.csrf, version: String(draft.version), body: 'Bob was here' }, b);
    expect(edit.status).to.equal(403);
    const reject = await post(`/incidents/${pub}/updates/${draft.id}/reject`, { _csrf: b.csrf, reason: 'no' }, b);
    expect(reject.status).to.equal(403);
    expect(reject.text).to.match(/can reject stakeholder updates/);
    await unchanged(draft);
  });

  it('shows a private incident\'s updates to nobody outside it, and never lets its draft be reached through another incident', async () => {
    const b = await session(bob);
    const page = await fetch(`${world.server.url}/incidents/${secret}/updates`, { headers: { cookie: b.cookie } });
    const html = await page.text();
    expect(page.status).to.equal(404);
    expect(html).to.not.contain('Acme').and.not.contain(privateDraft.body.slice(0, 30));
    const direct = await post(approvePath(secret, privateDraft.id), { _csrf: b.csrf, version: String(privateDraft.version) }, b);
    expect(direct.status).to.equal(404);
    const smuggled = await post(approvePath(pub, privateDraft.id), { _csrf: b.csrf, version: String(privateDraft.version) }, b);
    expect(smuggled.status).to.equal(404);
    expect(smuggled.text).to.not.contain('Acme');
    // Even its commander cannot decide it under another incident's address.
    const a = await session(ana);
    const mismatched = await post(approvePath(pub, privateDraft.id), { _csrf: a.csrf, version: String(privateDraft.version) }, a);
    expect(mismatched.status).to.equal(404);
    await unchanged(privateDraft);
  });

  it('shows another tenant nothing and lets it decide nothing, not even as the same handle', async () => {
    expect(world.server.running.container.get<MusterSettings>(TOKENS.Settings).tenants.tenantOf('slack', 'T0ACME')).to.equal('acme');
    const outsider = await session({ platform: 'slack', id: 'ana', name: 'ana' }, pub, 'T0ACME', 'acme');
    const page = await fetch(`${world.server.url}/incidents/${pub}/updates`, { headers: { cookie: outsider.cookie } });
    expect(page.status).to.equal(404);
    expect(await page.text()).to.not.contain('Checkout errors').and.not.contain(draft.body.slice(0, 30));
    // The page refused, so take a token from a page this tenant may open: the error page carries one too.
    expect(outsider.csrf).to.not.equal('');
    const approve = await post(approvePath(pub, draft.id), { _csrf: outsider.csrf, version: String(draft.version) }, outsider);
    expect(approve.status).to.equal(404);
    expect(approve.text).to.not.contain('Checkout errors');
    await unchanged(draft);
  });

  it('answers malformed and oversized input with a 4xx that says why', async () => {
    const a = await session(ana);
    const noVersion = await post(approvePath(pub, draft.id), { _csrf: a.csrf }, a);
    expect(noVersion.status).to.equal(400);
    expect(noVersion.text).to.contain('which version');
    const badVersion = await post(approvePath(pub, draft.id), { _csrf: a.csrf, version: '1e3' }, a);
    expect(badVersion.status).to.equal(400);
    const empty = await post(`/incidents/${pub}/updates/${draft.id}/edit`, { _csrf: a.csrf, version: String(draft.version), body: '   ' }, a);
    expect(empty.status).to.equal(400);
    const huge = await post(`/incidents/${pub}/updates/${draft.id}/edit`, { _csrf: a.csrf, version: String(draft.version), body: 'x'.repeat(3001) }, a);
    expect(huge.status).to.equal(400);
    expect(huge.text).to.contain('under 3000 characters');
    const longReason = await post(`/incidents/${pub}/updates/${draft.id}/reject`, { _csrf: a.csrf, reason: 'r'.repeat(501) }, a);
    expect(longReason.status).to.equal(400);
    const unknown = await post(approvePath(pub, 'no-such-update'), { _csrf: a.csrf, version: '0' }, a);
    expect(unknown.status).to.equal(404);
    const notice = await fetch(`${world.server.url}/incidents/${pub}/updates?updated=%3Cscript%3Ealert(1)%3C/script%3E`, { headers: { cookie: a.cookie } });
    expect(await notice.text(), 'only fixed notices, never words from the link').to.not.contain('class="flash ok"').and.not.contain('<script>alert');
    const badRef = await fetch(`${world.server.url}/incidents/%3Cscript%3E/updates`, { headers: { cookie: a.cookie } });
    expect(badRef.status).to.equal(400);
    expect(await badRef.text()).to.not.contain('<script>');
    const json = await fetch(`${world.server.url}${approvePath(pub, draft.id)}`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: world.server.url, cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: JSON.stringify({ version: 'seven' }),
    });
    expect(json.status).to.equal(400);
    expect(((await json.json()) as { error: unknown }).error).to.have.property('code', 'invalid_argument');
    await unchanged(draft);
  });

  it('publishes an approval once, however often it is sent, and says where it goes back to', async () => {
    const a = await session(ana);
    const fields = { _csrf: a.csrf, _key: 'double-submit-1', version: String(draft.version), next: 'https://evil.example/' };
    const first = await post(approvePath(pub, draft.id), fields, a);
    expect(first.status).to.equal(303);
    expect(first.location, 'only our own paths').to.equal(`/?updated=approve#update-${draft.id}`);
    const again = await post(approvePath(pub, draft.id), fields, a);
    expect(again.status).to.equal(409);
    await quietServer(world.server.running);
    expect((await updateNow(world.server, draft.id)).state).to.equal('published');
    const timeline = await world.server.store.repositories.timeline.list(await incidentId(world.server, pub));
    expect(timeline.filter((e) => e.kind === 'update_published' && e.data.updateId === draft.id)).to.have.length(1);
  });
});
