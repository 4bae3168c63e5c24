import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import { assertNoSecretIn, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { startJira, thrown, type JiraHarness } from './jira.spec-helper';

describe('jira: a remote that hangs, breaks or lies', () => {
  let h: JiraHarness;
  afterEach(async () => h?.fake.stop());
  const port = () => h.plugin.ports.ticketing;
  const uncertain = { idempotencyKey: 'k', uncertainSince: new Date() };

  it('a search that never answers is given up per attempt and tried again; the call ends with one issue', async () => {
    h = await startJira({ timeoutMs: 200 });
    h.fake.hangNext();
    expect((await port().openIncidentTicket(fakeIncident(), uncertain)).id).to.equal('OPS-1');
    expect(h.fake.requestsTo(/^POST .*\/search\/jql$/)).to.have.length(2);
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('a create that never answers is not sent again in the call; the next attempt looks before creating', async () => {
    h = await startJira({ timeoutMs: 200 });
    h.fake.hangNext();
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error.message).to.match(/timed out/);
    expect(h.fake.requestsTo(/^POST .*\/issue$/)).to.have.length(1);
    await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' });
    expect(h.fake.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /rest/api/3/issue', 'POST /rest/api/3/search/jql', 'POST /rest/api/3/issue']);
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('a search answer too large to read, or without an issues list, fails the call rather than creating a second issue', async () => {
    h = await startJira();
    h.fake.answerNext({ status: 200, json: { issues: [], padding: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await thrown(port().openIncidentTicket(fakeIncident(), uncertain))).to.be.instanceOf(PluginHttpError);
    h.fake.answerNext({ status: 200, json: { issues: 'none', total: 0 } });
    expect((await thrown(port().openIncidentTicket(fakeIncident(), uncertain))).message).to.match(/without an issues list/);
    h.fake.answerNext({ status: 200, json: '<html>maintenance</html>' });
    expect(await thrown(port().openIncidentTicket(fakeIncident(), uncertain))).to.be.instanceOf(PluginHttpError);
    expect(h.fake.requestsTo(/^POST .*\/issue$/)).to.have.length(0);
  });

  it('ignores search hits whose key is not an issue key', async () => {
    h = await startJira();
    h.fake.answerNext({ status: 200, json: { issues: [{ key: 'javascript:alert(1)' }, { key: null }, 7], isLast: true } });
    expect((await port().openIncidentTicket(fakeIncident(), uncertain)).id).to.equal('OPS-1');
  });

  it('a user search answering nonsense leaves the item unassigned instead of failing it', async () => {
    h = await startJira();
    h.fake.answerNext({ status: 200, json: { users: 'all of them' } });
    const owner = { platform: 'slack', id: 'U1', email: 'grace@acme.example' };
    const ref = await port().openActionItemTicket(fakeIncident(), { id: 'ai', text: 'Fix it', state: 'open', owner }, { idempotencyKey: 'ai' });
    expect(h.fake.state.issue(ref.id)!.assignee).to.equal(undefined);
  });

  it('two users matching an email hidden by Jira are not guessed between', async () => {
    h = await startJira();
    h.fake.answerNext({ status: 200, json: [{ accountId: 'a1', accountType: 'atlassian', active: true }, { accountId: 'a2', accountType: 'atlassian', active: true }] });
    const owner = { platform: 'slack', id: 'U1', email: 'grace@acme.example' };
    const ref = await port().openActionItemTicket(fakeIncident(), { id: 'ai', text: 'Fix it', state: 'open', owner }, { idempotencyKey: 'ai' });
    expect(h.fake.state.issue(ref.id)!.assignee).to.equal(undefined);
  });

  it('a transitions answer without transitions is a configuration error saying it offers none', async () => {
    h = await startJira();
    const incident = fakeIncident();
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'k' });
    h.fake.answerNext({ status: 200, json: { fields: { status: { name: 'To Do' } } } });
    h.fake.answerNext({ status: 200, json: { transitions: { id: '31' } } });
    const error = await thrown(port().syncIncident(ref, { ...incident, status: 'resolved' }, { idempotencyKey: 's' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.include('(it offers: none)');
    assertNoSecretIn([error, h.plugin.logs, [...h.plugin.storage.values()]], h.secrets);
  });
});
