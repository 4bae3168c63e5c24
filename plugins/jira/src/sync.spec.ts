import { PluginConfigError } from '@muster/plugin-sdk';
import { fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { ALAN, GRACE, startJira, thrown, type JiraHarness } from './jira.spec-helper';

const opts = { idempotencyKey: 'sync' };

describe('jira: keeping the issues in sync (Cloud, against the fake site)', () => {
  let h: JiraHarness;
  afterEach(async () => h?.fake.stop());
  const port = () => h.plugin.ports.ticketing;
  const transitionsPosted = () => h.fake.requestsTo(/^POST .*\/transitions$/).map((r) => r.json);

  it('resolving transitions the incident\'s issue to Done, once, however often the sync repeats', async () => {
    h = await startJira();
    const incident = fakeIncident();
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    await port().syncIncident(ref, { ...incident, status: 'resolved' }, opts);
    expect(h.fake.state.issue('OPS-1')!.status).to.equal('Done');
    expect(transitionsPosted()).to.deep.equal([{ transition: { id: '31' } }]);
    await port().syncIncident(ref, { ...incident, status: 'resolved' }, opts);
    await port().syncIncident(ref, { ...incident, status: 'closed' }, opts);
    expect(transitionsPosted(), 'already Done: nothing more is sent').to.have.length(1);
  });

  it('a severity change updates the priority, a new title the summary; a sync with nothing new sends nothing', async () => {
    h = await startJira();
    const incident = fakeIncident({ severity: 'SEV3' });
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    await port().syncIncident(ref, incident, opts);
    expect(h.fake.requestsTo(/^PUT .*\/issue\/OPS-1$/)).to.have.length(0);
    await port().syncIncident(ref, { ...incident, severity: 'SEV1', title: 'Checkout and cart are failing' }, opts);
    expect(h.fake.state.issue('OPS-1')).to.deep.include({ priority: 'Highest', summary: '[INC-1] Checkout and cart are failing' });
    expect(h.fake.requestsTo(/^PUT .*\/issue\/OPS-1$/).map((r) => r.json)).to.deep.equal([{ fields: { summary: '[INC-1] Checkout and cart are failing', priority: { name: 'Highest' } } }]);
  });

  it('a workflow without the configured transition is a configuration error listing what it offers', async () => {
    h = await startJira({ config: { transitions: { incident: { resolved: 'Closed' } } } });
    const incident = fakeIncident();
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    const error = await thrown(port().syncIncident(ref, { ...incident, status: 'resolved' }, opts));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.equal('Jira issue OPS-1 has no transition "Closed" from its status "To Do" (it offers: In Progress, Done); set plugins.jira.config.transitions');
  });

  it('matches a transition by its target status when the workflow names it otherwise', async () => {
    h = await startJira({ fake: { transitions: [{ id: '5', name: 'Start', to: 'In Progress' }, { id: '7', name: 'Close issue', to: 'Done' }] } });
    const incident = fakeIncident();
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    await port().syncIncident(ref, { ...incident, status: 'declined' }, opts);
    expect(transitionsPosted()).to.deep.equal([{ transition: { id: '7' } }]);
  });

  it('an action item gets its own issue, assigned by the owner\'s email and linked to the incident\'s issue', async () => {
    h = await startJira();
    const incident = fakeIncident();
    await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    const owner = { platform: 'slack', id: 'U0GRACE', name: 'Grace', email: 'Grace@acme.example' };
    const ref = await port().openActionItemTicket(incident, { id: 'ai-1', text: 'Add a circuit breaker to payments', state: 'open', owner }, { idempotencyKey: 'ai-1' });
    expect(ref.id).to.equal('OPS-2');
    const issue = h.fake.state.issue('OPS-2')!;
    expect(issue).to.deep.include({ summary: '[INC-1] Add a circuit breaker to payments', assignee: GRACE });
    expect(issue.links).to.deep.equal([{ type: 'Relates', inward: 'OPS-2', outward: 'OPS-1' }]);
    expect(h.fake.requestsTo(/^GET .*\/user\/search$/)[0]!.query.get('query')).to.equal('grace@acme.example');
    expect(JSON.stringify(issue.description)).to.include('(OPS-1)');
  });

  it('an owner Jira does not know leaves the issue unassigned; an unknown link type only warns', async () => {
    h = await startJira({ config: { linkType: 'Caused by' } });
    const incident = fakeIncident();
    await port().openIncidentTicket(incident, { idempotencyKey: 'open' });
    const owner = { platform: 'slack', id: 'U0X', email: 'nobody@elsewhere.example' };
    const ref = await port().openActionItemTicket(incident, { id: 'ai-1', text: 'Write the runbook', state: 'open', owner }, { idempotencyKey: 'ai-1' });
    expect(h.fake.state.issue(ref.id)!.assignee).to.equal(undefined);
    expect(h.plugin.logs.map((l) => [l.level, l.msg])).to.deep.equal([['warn', 'The action item\'s Jira issue could not be linked to the incident\'s']]);
  });

  it('done transitions the action item\'s issue, a new owner reassigns it, and open reopens only when configured', async () => {
    h = await startJira({ config: { transitions: { actionItem: { done: 'Done', open: 'To Do' } } } });
    const incident = fakeIncident();
    const item = { id: 'ai-1', text: 'Rotate the keys', state: 'open' as const, owner: { platform: 'slack', id: 'U1', email: GRACE.emailAddress } };
    const ref = await port().openActionItemTicket(incident, item, { idempotencyKey: 'ai-1' });
    await port().syncActionItem(ref, { ...item, owner: { platform: 'slack', id: 'U2', email: ALAN.emailAddress } }, opts);
    expect(h.fake.state.issue(ref.id)!.assignee).to.deep.equal(ALAN);
    await port().syncActionItem(ref, { ...item, state: 'done' }, opts);
    expect(h.fake.state.issue(ref.id)!.status).to.equal('Done');
    await port().syncActionItem(ref, { ...item, state: 'done' }, opts);
    expect(transitionsPosted(), 'a repeat sends nothing').to.have.length(1);
    await port().syncActionItem(ref, item, opts);
    expect(h.fake.state.issue(ref.id)!.status).to.equal('To Do');
  });

  it('without a reopen transition configured, an open item leaves a done issue alone', async () => {
    h = await startJira();
    const item = { id: 'ai-1', text: 'Rotate the keys', state: 'done' as const };
    const ref = await port().openActionItemTicket(fakeIncident(), item, { idempotencyKey: 'ai-1' });
    await port().syncActionItem(ref, item, opts);
    await port().syncActionItem(ref, { ...item, state: 'open' }, opts);
    expect(h.fake.state.issue(ref.id)!.status).to.equal('Done');
  });

  it('refuses a ticket id that is not an issue key before it reaches a URL', async () => {
    h = await startJira();
    const error = await thrown(port().syncIncident({ id: '../../rest/api/3/myself' }, fakeIncident(), opts));
    expect(error.message).to.match(/is not a Jira issue key/);
    expect(h.fake.requests).to.have.length(0);
  });
});
