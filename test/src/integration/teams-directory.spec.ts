import { ClientCredentialsGraphToken, GraphClient, graphScopeFor, TeamsDirectory } from '@muster/teams';
import { expect } from 'chai';
import { FakeGraph } from '../fakes/teams/fake-graph';

describe('TeamsDirectory and the Graph token against the fake Graph', () => {
  let graph: FakeGraph;
  let directory: TeamsDirectory;
  const ana = { id: 'a0000000-0000-4000-8000-0000000000a1', displayName: 'Ana Lopez', mail: 'ana.lopez@contoso.example', mailNickname: 'ana.lopez' };

  const clientFor = (secret: string) => new GraphClient({
    graphUrl: graph.graphUrl,
    tokens: new ClientCredentialsGraphToken({ loginUrl: graph.loginUrl, tenantId: graph.tenant.tenantId, clientId: graph.clientId, clientSecret: secret, scope: graphScopeFor(graph.graphUrl) }),
  });

  beforeEach(async () => {
    graph = await FakeGraph.start();
    graph.tenant.addUser(ana);
    graph.tenant.addUser({ id: 'b0000000-0000-4000-8000-0000000000b2', displayName: 'Bo', mail: 'bo@contoso.example', userPrincipalName: 'bo.upn@contoso.example', mailNickname: 'bo' });
    graph.tenant.addUser({ id: 'c1', displayName: 'Sam One', mailNickname: 'sam' });
    graph.tenant.addUser({ id: 'c2', displayName: 'Sam Two', mailNickname: 'sam' });
    directory = new TeamsDirectory({ graph: clientFor(graph.clientSecret), tenantId: graph.tenant.tenantId });
  });

  afterEach(() => graph.close());

  it('resolves an email, a UPN and a nickname to the person, and links by email both ways', async () => {
    const tenant = graph.tenant.tenantId;
    expect(await directory.resolve('teams', tenant, 'ana.lopez@contoso.example')).to.deep.equal({ platform: 'teams', id: ana.id, name: 'Ana Lopez' });
    expect((await directory.resolve('teams', tenant, 'bo.upn@contoso.example'))?.id).to.equal('b0000000-0000-4000-8000-0000000000b2');
    expect((await directory.resolve('teams', tenant, '@ana.lopez'))?.id).to.equal(ana.id);
    expect(await directory.emailOf(tenant, { platform: 'teams', id: ana.id })).to.equal('ana.lopez@contoso.example');
    expect((await directory.byEmail(tenant, 'mailto:ANA.LOPEZ@contoso.example'))?.id).to.equal(ana.id);
  });

  it('answers nobody for an unknown or ambiguous handle, hostile input, or another tenant, asking Graph nothing for those it cannot', async () => {
    const tenant = graph.tenant.tenantId;
    expect(await directory.resolve('teams', tenant, 'nobody@contoso.example')).to.equal(undefined);
    expect(await directory.resolve('teams', tenant, '@sam'), 'two people are called sam').to.equal(undefined);
    const before = graph.calls().length;
    expect(await directory.resolve('teams', tenant, `@x' or 1 eq 1 or mail eq '`)).to.equal(undefined);
    expect(await directory.resolve('teams', tenant, 'x'.repeat(5000))).to.equal(undefined);
    expect(await directory.resolve('teams', 'another-tenant', 'ana.lopez@contoso.example')).to.equal(undefined);
    expect(graph.calls().length).to.equal(before);
  });

  it('quotes what it filters on, so a crafted nickname cannot widen the query', async () => {
    graph.tenant.addUser({ id: 'd4', displayName: "Dee O'Brien", mail: "o'brien@contoso.example", userPrincipalName: 'dee@contoso.example' });
    expect((await directory.resolve('teams', graph.tenant.tenantId, "o'brien@contoso.example"))?.id).to.equal('d4');
    expect(graph.calls('find users').at(-1)?.query.get('$filter')).to.equal("mail eq 'o''brien@contoso.example'");
    expect(await directory.resolve('teams', graph.tenant.tenantId, "x' or mail ne 'y@contoso.example")).to.equal(undefined);
  });

  it('asks Entra for one token and reuses it, and remembers look-ups', async () => {
    const tenant = graph.tenant.tenantId;
    await Promise.all([directory.resolve('teams', tenant, 'ana.lopez@contoso.example'), directory.resolve('teams', tenant, 'ana.lopez@contoso.example'), directory.emailOf(tenant, { platform: 'teams', id: ana.id })]);
    await directory.resolve('teams', tenant, 'ana.lopez@contoso.example');
    expect(graph.tokensIssued).to.equal(1);
    expect(graph.calls('get user').filter((c) => c.path.includes('ana.lopez'))).to.have.length(1);
  });

  it('says to check the credentials when Entra refuses them, without the secret', async () => {
    const wrong = new TeamsDirectory({ graph: clientFor('not-the-secret'), tenantId: graph.tenant.tenantId });
    let message = '';
    try {
      await wrong.resolve('teams', graph.tenant.tenantId, 'ana.lopez@contoso.example');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.match(/invalid_client.*MICROSOFT_APP_PASSWORD/);
    expect(message).not.to.include('not-the-secret');
  });

  it('finds an Entra group\'s users by the group\'s email for workflows, and answers no group for a person\'s address or another tenant', async () => {
    const tenant = graph.tenant.tenantId;
    graph.tenant.addGroup({ id: 'g-pay', displayName: 'Payments on-call', mail: 'payments-oncall@contoso.example', members: [ana.id, 'b0000000-0000-4000-8000-0000000000b2'] });
    const members = await directory.groupMembers('teams', tenant, 'Payments-Oncall@contoso.example');
    expect(members?.map((p) => p.id)).to.deep.equal([ana.id, 'b0000000-0000-4000-8000-0000000000b2']);
    expect(graph.calls('find groups').at(-1)?.query.get('$filter')).to.equal("mail eq 'Payments-Oncall@contoso.example'");
    expect(await directory.groupMembers('teams', tenant, 'ana.lopez@contoso.example'), 'a person is no group').to.equal(undefined);
    expect(await directory.groupMembers('teams', tenant, '@payments-oncall'), 'only an address names a group on Teams').to.equal(undefined);
    expect(await directory.groupMembers('teams', 'another-tenant', 'payments-oncall@contoso.example')).to.equal(undefined);
  });
});
