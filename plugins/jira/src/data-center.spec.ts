import { PluginConfigError } from '@muster/plugin-sdk';
import { assertNoSecretIn, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { ALAN, DC_SECRETS, startJira, thrown, type JiraHarness } from './jira.spec-helper';

describe('jira: Data Center (REST v2, personal access token)', () => {
  let h: JiraHarness;
  afterEach(async () => h?.fake.stop());
  const port = () => h.plugin.ports.ticketing;

  it('creates through /rest/api/2 with a bearer PAT, a wiki-text description and the user found by username', async () => {
    h = await startJira({ deployment: 'datacenter' });
    const incident = fakeIncident({ title: 'Checkout {panel} [x|javascript:alert(1)]' });
    const ref = await port().openIncidentTicket(incident, { idempotencyKey: 'dc' });
    expect(ref).to.deep.equal({ id: 'OPS-1', url: `${h.fake.url}/browse/OPS-1`, title: 'OPS-1' });
    const [create] = h.fake.requestsTo(/^POST \/rest\/api\/2\/issue$/);
    expect(create!.headers.authorization).to.equal(`Bearer ${DC_SECRETS.PERSONAL_ACCESS_TOKEN}`);
    const description = h.fake.state.issue('OPS-1')!.description as string;
    expect(description).to.be.a('string').and.include('Incident room (slack): [inc-1-checkout-is-failing|https://example.slack.com/archives/C0INC1]');
    expect(h.fake.requests.every((r) => r.path.startsWith('/rest/api/2/'))).to.equal(true);

    const item = await port().openActionItemTicket(incident, { id: 'ai', text: 'Fix [x|y] {code}', state: 'open', owner: { platform: 'teams', id: 'a', email: ALAN.emailAddress } }, { idempotencyKey: 'ai' });
    const issue = h.fake.state.issue(item.id)!;
    expect(issue.assignee).to.deep.equal(ALAN);
    expect(issue.description as string).to.include('Fix \\[x\\|y\\] \\{code\\}');
    expect(h.fake.requestsTo(/^GET .*\/user\/search$/)[0]!.query.get('username')).to.equal(ALAN.emailAddress);
  });

  it('finds the earlier issue through /rest/api/2/search on an uncertain redo', async () => {
    h = await startJira({ deployment: 'datacenter' });
    await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'dc' });
    h.plugin.storage.clear();
    expect((await port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'dc', uncertainSince: new Date() })).id).to.equal('OPS-1');
    expect(h.fake.requestsTo(/^POST \/rest\/api\/2\/search$/)).to.have.length(1);
    expect(h.fake.state.issues).to.have.length(1);
  });

  it('without the PAT, names the variable to set and calls nothing', async () => {
    h = await startJira({ deployment: 'datacenter', secrets: { WEBHOOK_SECRET: 'x-secret-123' } });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'dc' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.equal('Set MUSTER_PLUGIN_JIRA_PERSONAL_ACCESS_TOKEN.');
    expect(h.fake.requests).to.have.length(0);
  });

  it('a wrong PAT is refused (401) and the error says which secret, never its value', async () => {
    const wrong = 'NjM4-wrong-personal-access-token';
    h = await startJira({ deployment: 'datacenter', secrets: { PERSONAL_ACCESS_TOKEN: wrong } });
    const error = await thrown(port().openIncidentTicket(fakeIncident(), { idempotencyKey: 'dc' }));
    expect(error.message).to.match(/^Jira did not accept the credentials .*MUSTER_PLUGIN_JIRA_PERSONAL_ACCESS_TOKEN/);
    assertNoSecretIn([error, h.plugin.logs], [wrong, DC_SECRETS.PERSONAL_ACCESS_TOKEN]);
  });
});
