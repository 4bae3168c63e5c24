import { expect } from 'chai';
import type { PersonRef } from '../../domain/person';
import { TenantMap } from '../../domain/tenancy';
import { buildApp } from '../container/app-harness.spec-helper';
import type { RequestContext } from '../incidents/request-context';
import type { InboundPort } from '../inbound/inbound.port';
import type { IdentityLinks } from '../ports/identity-links.port';
import { AssignRole } from '../services/assign-role';
import { defaultSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { replyText } from './access-scene.spec-helper';
import { isActor } from './actor-identity';

const SLACK_ALICE: PersonRef = { platform: 'slack', id: 'U1', name: 'Alice' };
const TEAMS_ALICE: PersonRef = { platform: 'teams', id: 'aad-alice', name: 'Alice' };
const TEAMS_NAMESAKE: PersonRef = { platform: 'teams', id: 'aad-other-alice', name: 'Alice' };

/** Links slack:U1 and teams:aad-alice in tenant acme, and records every question it was asked. */
class TwoAlices implements IdentityLinks {
  readonly asked: string[] = [];
  failing = false;
  async linkedTo(p: PersonRef, tenantId: string, workspaceId: string): Promise<readonly PersonRef[]> {
    this.asked.push(`${p.platform}:${p.id}@${tenantId}/${workspaceId}`);
    if (this.failing) throw new Error('directory down');
    if (tenantId !== 'acme') return [];
    // A sloppy implementation may hand back the person too: the port must not count it twice.
    if (p.id === SLACK_ALICE.id) return [TEAMS_ALICE, SLACK_ALICE];
    if (p.id === TEAMS_ALICE.id) return [SLACK_ALICE];
    return [];
  }
}

function app(links?: TwoAlices) {
  const settings = defaultSettings({
    tenants: new TenantMap([{ id: 'acme', workspaces: [{ platform: 'slack', workspaceId: 'T1' }, { platform: 'teams', workspaceId: 'tenant-1' }] }]),
  });
  const built = buildApp(settings);
  if (links) built.container.bind(TOKENS.IdentityLinks).toConstantValue(links);
  const inbound = built.container.get<InboundPort>(TOKENS.InboundPort);
  let n = 0;
  const on = (actor: PersonRef): RequestContext => actor.platform === 'slack'
    ? { actor, platform: 'slack', workspaceId: 'T1', conversation: { platform: 'slack', workspaceId: 'T1', conversationId: 'C-general' }, idempotencyKey: `s-${++n}` }
    : { actor, platform: 'teams', workspaceId: 'tenant-1', conversation: { platform: 'teams', workspaceId: 'tenant-1', conversationId: `a:personal-${actor.id}` }, idempotencyKey: `t-${++n}` };
  return { ...built, inbound, on };
}

describe('linked identities: the same human on Slack and Teams', () => {
  it('isActor accepts the actor and every linked identity, and nobody else', () => {
    const ctx: RequestContext = { actor: TEAMS_ALICE, alsoKnownAs: [SLACK_ALICE], platform: 'teams', workspaceId: 'tenant-1', idempotencyKey: 'k' };
    expect(isActor(ctx, TEAMS_ALICE)).to.equal(true);
    expect(isActor(ctx, SLACK_ALICE)).to.equal(true);
    expect(isActor(ctx, TEAMS_NAMESAKE), 'same name, other person').to.equal(false);
    expect(isActor(ctx, { platform: 'teams', id: 'U1' }), 'same id on another platform is someone else').to.equal(false);
    expect(isActor(ctx, undefined)).to.equal(false);
  });

  it('a private incident declared on Slack is seen, and commanded, by the same Alice on Teams', async () => {
    const links = new TwoAlices();
    const a = app(links);
    await a.inbound.command(a.on(SLACK_ALICE), 'declare "Payroll breach" --private');
    const status = replyText(await a.inbound.command(a.on(TEAMS_ALICE), 'INC-1 status'));
    expect(status).to.include('Payroll breach');
    const resolved = replyText(await a.inbound.command(a.on(TEAMS_ALICE), 'INC-1 resolve'));
    expect(resolved).to.match(/INC-1 is now resolved/);
    expect(links.asked).to.include('teams:aad-alice@acme/tenant-1');
  });

  it('a namesake on Teams neither sees it nor can act on it, and nothing changes', async () => {
    const a = app(new TwoAlices());
    await a.inbound.command(a.on(SLACK_ALICE), 'declare "Payroll breach" --private');
    const status = replyText(await a.inbound.command(a.on(TEAMS_NAMESAKE), 'INC-1 status'));
    expect(status).to.match(/no incident INC-1 that you can see/).and.not.include('Payroll');
    const before = (await a.store.repositories.incidents.findByNumber('acme', 1))!.version;
    expect(replyText(await a.inbound.command(a.on(TEAMS_NAMESAKE), 'INC-1 resolve'))).to.match(/no incident INC-1 that you can see/);
    expect((await a.store.repositories.incidents.findByNumber('acme', 1))!.version, 'unchanged').to.equal(before);
  });

  it('a public incident: linked Alice may act as its commander from Teams, her namesake is refused by role', async () => {
    const a = app(new TwoAlices());
    await a.inbound.command(a.on(SLACK_ALICE), 'declare "Checkout errors"');
    expect(replyText(await a.inbound.command(a.on(TEAMS_NAMESAKE), 'INC-1 sev SEV1'))).to.match(/Only the/);
    expect(replyText(await a.inbound.command(a.on(TEAMS_ALICE), 'INC-1 sev SEV1'))).not.to.match(/Only the/);
    expect((await a.store.repositories.incidents.findByNumber('acme', 1))!.severity).to.equal('SEV1');
  });

  it('taking a vacant role for yourself counts your linked identity as yourself, not a namesake', async () => {
    const a = app(new TwoAlices());
    await a.inbound.command(a.on({ platform: 'slack', id: 'U9', name: 'Carol' }), 'declare "Checkout errors"');
    const assign = a.container.get(AssignRole);
    const target = 'INC-1';
    const refusal = await assign.execute(a.on(TEAMS_NAMESAKE), 'comms', SLACK_ALICE, target).then(() => 'assigned', (e: Error) => e.message);
    expect(refusal, 'giving someone else a role needs the permission').to.match(/Only the/);
    await assign.execute({ ...a.on(TEAMS_ALICE), alsoKnownAs: [SLACK_ALICE] }, 'comms', SLACK_ALICE, target);
    const incident = (await a.store.repositories.incidents.findByNumber('acme', 1))!;
    expect(incident.holdersOf('communications_lead')).to.deep.equal([SLACK_ALICE]);
  });

  it('without IdentityLinks bound nobody is linked, and with a failing directory the request still succeeds, unlinked', async () => {
    const plain = app();
    await plain.inbound.command(plain.on(SLACK_ALICE), 'declare "Payroll breach" --private');
    expect(replyText(await plain.inbound.command(plain.on(TEAMS_ALICE), 'INC-1 status'))).to.match(/no incident INC-1 that you can see/);
    const links = new TwoAlices();
    const failing = app(links);
    await failing.inbound.command(failing.on(SLACK_ALICE), 'declare "Payroll breach" --private');
    links.failing = true;
    expect(replyText(await failing.inbound.command(failing.on(SLACK_ALICE), 'INC-1 status')), 'the declarer still sees it').to.include('Payroll breach');
    expect(replyText(await failing.inbound.command(failing.on(TEAMS_ALICE), 'INC-1 status'))).to.match(/no incident INC-1 that you can see/);
  });
});
