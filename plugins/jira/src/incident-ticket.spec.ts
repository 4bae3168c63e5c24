import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import { assertNoSecretIn, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { adfProblem } from './fake';
import { idempotencyLabel } from './issue-fields';
import { startJira, thrown, type JiraHarness } from './jira.spec-helper';

describe('jira: the incident\'s issue (Cloud, against the fake site)', () => {
  let h: JiraHarness;
  afterEach(async () => h?.fake.stop());
  const port = () => h.plugin.ports.ticketing;
  const creates = () => h.fake.requestsTo(/^POST \/rest\/api\/3\/issue$/);

  it('opens one issue: [INC-42] title, a valid ADF description linking the room, the severity\'s priority, a label from the idempotency key', async () => {
    h = await startJira();
    const incident = fakeIncident({ reference: 'INC-42', severity: 'SEV1', title: 'Checkout\nis down' });
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'incident-1:ticket' });
    expect(ref).to.deep.equal({ id: 'OPS-1', url: `${h.fake.url}/browse/OPS-1`, title: 'OPS-1' });
    const issue = h.fake.state.issue('OPS-1')!;
    expect(issue).to.deep.include({ project: 'OPS', issueType: 'Task', summary: '[INC-42] Checkout is down', priority: 'Highest', status: 'To Do' });
    expect(issue.labels).to.deep.equal(['muster', 'incident', idempotencyLabel('incident-1:ticket')]);
    expect(adfProblem(issue.description)).to.equal(undefined);
    const text = JSON.stringify(issue.description);
    expect(text).to.include('Severity: SEV1 (Critical)').and.include('Services: checkout').and.include('"href":"https://example.slack.com/archives/C0INC1"');
    const [create] = creates();
    expect(create!.headers.authorization).to.equal(`Basic ${Buffer.from(`${h.secrets.EMAIL}:${h.secrets.API_TOKEN}`).toString('base64')}`);
  });

  it('a redelivered call returns the same issue without creating a second one', async () => {
    h = await startJira();
    const first = await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k1' });
    const again = await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k1' });
    expect(again).to.deep.equal(first);
    expect(creates()).to.have.length(1);
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('after a crash between create and record, the uncertainSince redo finds the earlier issue by its label and creates nothing', async () => {
    h = await startJira();
    await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k-crash' });
    h.plugin.storage.clear(); // the process died: nothing of the first attempt survives here
    const redo = await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k-crash', uncertainSince: new Date() });
    expect(redo.id).to.equal('OPS-1');
    expect(creates()).to.have.length(1);
    expect(h.fake.requestsTo(/^POST .*\/search\/jql$/)[0]!.json).to.deep.include({ jql: `labels = "${idempotencyLabel('k-crash')}" ORDER BY created ASC` });
  });

  it('an answer lost after Jira made the issue (502) is not retried blindly: the next attempt looks first', async () => {
    h = await startJira();
    h.fake.dropCreateAnswer = { status: 502, body: { errorMessages: ['Bad gateway'] } };
    const lost = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k-lost' }));
    expect(lost).to.be.instanceOf(PluginHttpError).with.property('status', 502);
    expect(creates(), 'the create is not retried inside the call').to.have.length(1);
    h.fake.dropCreateAnswer = undefined;
    // The outbox tries again, even without uncertainSince: the begun attempt was noted.
    const ref = await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k-lost' });
    expect(ref.id).to.equal('OPS-1');
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('an uncertain redo that finds nothing creates the issue once', async () => {
    h = await startJira();
    const ref = await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k-new', uncertainSince: new Date() });
    expect(ref.id).to.equal('OPS-1');
    expect(creates()).to.have.length(1);
  });

  it('takes the project of the first service from the catalogue over the configured one', async () => {
    h = await startJira({ fake: { projects: ['OPS', 'PAY'] }, services: [{ name: 'checkout', description: '', owners: [], subjectMatterExperts: [], integrations: { jira: 'PAY' }, runbooks: [] }] });
    expect((await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' })).id).to.equal('PAY-1');
  });

  it('with no project anywhere, says what to set instead of calling Jira', async () => {
    h = await startJira({ config: { project: undefined } });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.include('plugins.jira.config.project');
    expect(h.fake.requests).to.have.length(0);
  });

  it('surfaces a 400 naming the field Jira refused (an unknown priority), and creates nothing', async () => {
    h = await startJira({ config: { priorities: { SEV2: 'Urgent' } } });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error).to.be.instanceOf(PluginHttpError).with.property('status', 400);
    expect(error.message).to.equal('Jira refused POST /rest/api/3/issue (400): priority: Priority name \'Urgent\' is not valid');
    expect(h.fake.state.issues).to.have.length(0);
  });

  it('honours 429 + Retry-After on the look-up, and gives the outbox retryAfterMs when the wait is too long', async () => {
    h = await startJira();
    h.fake.failNext(429, { retryAfter: 0 });
    expect((await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k', uncertainSince: new Date() })).id).to.equal('OPS-1');
    h.fake.failNext(429, { retryAfter: 120 });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k2' }));
    expect(error).to.be.instanceOf(PluginHttpError).with.property('retryAfterMs', 120_000);
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('refuses a create answer without a usable key (a hostile or broken remote)', async () => {
    h = await startJira();
    h.fake.dropCreateAnswer = { status: 201, body: { id: '1', key: '../../admin' } };
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error.message).to.match(/without an issue key/);
  });

  it('wrong credentials are a configuration error naming the variables, never holding the token', async () => {
    h = await startJira({ secrets: { EMAIL: 'muster-bot@acme.example', API_TOKEN: 'ATATT-wrong-token-000111' } });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.include('MUSTER_PLUGIN_JIRA_API_TOKEN');
    assertNoSecretIn([error, h.plugin.logs], { token: 'ATATT-wrong-token-000111', real: 'ATATT3xFfGF0-jira-api-token-7Qm2' });
  });

  it('a remote that is down fails the call with the reason, for the card to show', async () => {
    h = await startJira();
    await h.fake.stop();
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'k' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.match(/connection refused/);
    assertNoSecretIn(error, h.secrets);
  });
});
