import { TenantMap, type EmailDirectory, type Logger, type PersonRef } from '@muster/core';
import { expect } from 'chai';
import { EmailIdentityLinks } from './email-identity-links';

const ALICE_SLACK: PersonRef = { platform: 'slack', id: 'U1', name: 'Alice' };
const ALICE_TEAMS: PersonRef = { platform: 'teams', id: 'aad-alice', name: 'Alice' };

/** A platform's directory with its people by email, counting what it was asked. */
class Directory implements EmailDirectory {
  readonly knowsEmails = true;
  readonly asked: string[] = [];
  failing = false;
  /** While set, look-ups wait for it: a slow directory. */
  slow?: Promise<void>;
  constructor(private readonly people: Record<string, PersonRef>) {}
  async emailOf(workspaceId: string, person: PersonRef): Promise<string | undefined> {
    this.asked.push(`emailOf ${workspaceId} ${person.id}`);
    if (this.failing) throw new Error('directory down');
    return Object.entries(this.people).find(([, p]) => p.platform === person.platform && p.id === person.id)?.[0];
  }
  async byEmail(workspaceId: string, email: string): Promise<PersonRef | undefined> {
    this.asked.push(`byEmail ${workspaceId} ${email}`);
    await this.slow;
    if (this.failing) throw new Error('directory down');
    return this.people[email.toLowerCase()];
  }
}

function world() {
  const slack = new Directory({ 'alice@acme.example': ALICE_SLACK, 'bob@acme.example': { platform: 'slack', id: 'U2', name: 'Bob' } });
  const teams = new Directory({ 'alice@acme.example': ALICE_TEAMS, 'alice.b@acme.example': { platform: 'teams', id: 'aad-alice-b', name: 'Alice' } });
  const tenants = new TenantMap([
    { id: 'acme', workspaces: [{ platform: 'slack', workspaceId: 'T1' }, { platform: 'teams', workspaceId: 'tenant-acme' }] },
    { id: 'globex', workspaces: [{ platform: 'slack', workspaceId: 'T9' }] },
  ]);
  const logs: string[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: (m, f) => logs.push(`${m} ${JSON.stringify(f)}`), error: (m, f) => logs.push(`${m} ${JSON.stringify(f)}`) };
  let now = 0;
  const links = new EmailIdentityLinks({ slack, teams }, tenants, logger, () => now, 50);
  return { slack, teams, links, logs, later: (ms: number) => { now += ms; } };
}

describe('EmailIdentityLinks', () => {
  it('links Alice on Slack to Alice on Teams by email, both ways, never to herself', async () => {
    const w = world();
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')).to.deep.equal([ALICE_TEAMS]);
    expect(await w.links.linkedTo(ALICE_TEAMS, 'acme', 'tenant-acme')).to.deep.equal([ALICE_SLACK]);
    expect(w.teams.asked).to.include('byEmail tenant-acme alice@acme.example');
  });

  it('does not link someone whose email nobody has elsewhere, nor a namesake with another email', async () => {
    const w = world();
    expect(await w.links.linkedTo({ platform: 'slack', id: 'U2', name: 'Bob' }, 'acme', 'T1')).to.deep.equal([]);
    expect(await w.links.linkedTo({ platform: 'teams', id: 'aad-alice-b', name: 'Alice' }, 'acme', 'tenant-acme')).to.deep.equal([]);
  });

  it('only looks in the workspaces of the person\'s own tenant', async () => {
    const w = world();
    expect(await w.links.linkedTo(ALICE_SLACK, 'globex', 'T9')).to.deep.equal([]);
    expect(w.teams.asked, 'acme\'s Teams tenant is never asked on behalf of globex').to.deep.equal([]);
  });

  it('asks each platform at most once per person per hour, and again after it', async () => {
    const w = world();
    await Promise.all([w.links.linkedTo(ALICE_SLACK, 'acme', 'T1'), w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')]);
    w.later(59 * 60_000);
    await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1');
    expect([w.slack.asked.length, w.teams.asked.length]).to.deep.equal([1, 1]);
    w.later(2 * 60_000);
    await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1');
    expect([w.slack.asked.length, w.teams.asked.length]).to.deep.equal([2, 2]);
  });

  it('a failing directory means no link, logged by person and directory without the email, and retried a minute later', async () => {
    const w = world();
    w.teams.failing = true;
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')).to.deep.equal([]);
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1'), 'not asked again at once').to.deep.equal([]);
    expect(w.teams.asked).to.have.length(1);
    expect(w.logs.join('\n')).to.include('slack:U1').and.include('teams:tenant-acme').and.not.include('alice@acme.example');
    w.teams.failing = false;
    w.later(61_000);
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')).to.deep.equal([ALICE_TEAMS]);
  });

  it('a slow directory does not hold the request: it goes on unlinked, and the answer serves the next one', async () => {
    const w = world();
    let answer!: () => void;
    w.teams.slow = new Promise((resolve) => { answer = resolve; });
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1'), 'gave up waiting').to.deep.equal([]);
    answer();
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')).to.deep.equal([ALICE_TEAMS]);
    expect(w.teams.asked, 'the first look-up was not repeated').to.have.length(1);
  });

  it('a person\'s own directory failing is no link too, and a platform without email lookup is not asked', async () => {
    const w = world();
    w.slack.failing = true;
    expect(await w.links.linkedTo(ALICE_SLACK, 'acme', 'T1')).to.deep.equal([]);
    expect(w.teams.asked).to.deep.equal([]);
    expect(await w.links.linkedTo({ platform: 'console', id: 'alice' }, 'acme', 'local')).to.deep.equal([]);
  });
});
