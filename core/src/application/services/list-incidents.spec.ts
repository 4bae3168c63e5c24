import { expect } from 'chai';
import { TenantMap } from '../../domain/tenancy';
import { buildApp } from '../container/app-harness.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { defaultSettings } from '../container/settings';
import { replyText } from './follow-up-flows.spec-helper';

describe('list: the incidents a requester may see', () => {
  function app() {
    const settings = defaultSettings({
      admins: ['console:root'],
      tenants: new TenantMap([
        { id: 'acme', workspaces: [{ platform: 'console', workspaceId: 'local' }] },
        { id: 'globex', workspaces: [{ platform: 'console', workspaceId: 'globex' }] },
      ]),
    });
    const a = buildApp(settings);
    const commands = a.container.get(CommandDispatcher);
    const globex = () => ({ ...a.ctx('mallory'), workspaceId: 'globex', conversation: { ...a.lobby, workspaceId: 'globex' } });
    return { ...a, commands, globex };
  }

  it('lists newest first with severity, status, title, age and room, privately to the requester', async () => {
    const a = app();
    await a.commands.handleText(a.ctx('alice'), 'declare "Checkout errors" --sev SEV1 --service checkout');
    a.clock.advance(90);
    await a.commands.handleText(a.ctx('bob'), 'declare "Slow search" --sev SEV3');
    await a.flush();
    a.clock.advance(5);
    const reply = await a.commands.handleText(a.ctx('carol'), 'list');
    expect(reply.visibility).to.equal('ephemeral');
    const text = replyText(reply);
    expect(text).to.match(/INC-2 · SEV3 · triage · Slow search · 5m 00s ago · inc-2-slow-search[\s\S]*INC-1 · SEV1 · triage · Checkout errors · 1h 35m ago/);
  });

  it('never shows or counts a private incident to an outsider or another tenant, but does to its participants and admins', async () => {
    const a = app();
    await a.commands.handleText(a.ctx('alice'), 'declare "Payroll breach" --private');
    await a.commands.handleText(a.ctx('bob'), 'declare "Checkout errors"');
    await a.flush();
    for (const outsider of [a.ctx('eve'), a.globex()]) {
      const text = replyText(await a.commands.handleText(outsider, 'list all'));
      expect(text).not.to.include('Payroll').and.not.to.include('INC-1 ').and.not.to.match(/more|🔒/);
    }
    expect(replyText(await a.commands.handleText(a.globex(), 'list all'))).to.include('No incidents that you can see').and.not.include('Checkout');
    expect(replyText(await a.commands.handleText(a.ctx('eve'), 'list'))).to.include('INC-2').and.not.include('Payroll');
    for (const insider of [a.ctx('alice'), a.ctx('root')]) expect(replyText(await a.commands.handleText(insider, 'list'))).to.match(/Payroll breach · 0s ago · 🔒/);
  });

  it('pages at 20 and counts only what the requester may see in "and N more"', async () => {
    const a = app();
    for (let i = 1; i <= 23; i++) await a.commands.handleText(a.ctx('alice'), `declare "Outage ${i}"`);
    for (let i = 1; i <= 5; i++) await a.commands.handleText(a.ctx('alice'), `declare "Secret ${i}" --private`);
    const text = replyText(await a.commands.handleText(a.ctx('eve'), 'list'));
    expect(text.match(/^INC-\d+/gm)).to.have.length(20);
    expect(text).to.include('INC-23 · SEV3').and.include('and 3 more').and.not.include('Secret');
    expect(replyText(await a.commands.handleText(a.ctx('alice'), 'list'))).to.include('and 8 more');
  });

  it('filters by scope, severity, service and --mine', async () => {
    const a = app();
    await a.commands.handleText(a.ctx('alice'), 'declare "Checkout errors" --sev SEV1 --service Checkout');
    await a.commands.handleText(a.ctx('bob'), 'declare "Slow search" --sev SEV3 --service search');
    await a.commands.handleText(a.ctx('bob'), 'INC-2 decline');
    const list = async (q: string) => (replyText(await a.commands.handleText(a.ctx('alice'), q)).match(/^INC-\d+/gm) ?? []).join(',');
    expect(await list('list')).to.equal('INC-1');
    expect(await list('list all')).to.equal('INC-2,INC-1');
    expect(await list('list all --sev SEV3')).to.equal('INC-2');
    expect(await list('list all --service checkout')).to.equal('INC-1');
    expect(await list('list all --mine')).to.equal('INC-1');
    expect(await list('list --sev SEV2')).to.equal('');
  });
});
