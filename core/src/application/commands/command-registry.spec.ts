import { expect } from 'chai';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { buildApp } from '../container/app-harness.spec-helper';
import type { RequestContext } from '../incidents/request-context';
import type { RuntimeCommand } from '../extensions/extension-points';
import { replyText, withIncident } from '../services/follow-up-flows.spec-helper';
import { TOKENS } from '../container/tokens';
import { noticeView } from '../views/notice.view';
import { CommandDispatcher } from './command-dispatcher';
import { ephemeral, inChannel } from './command-reply';
import { CommandRegistry } from './command-registry';
import { BUILT_IN_CATALOG } from './command-usage';

/** A plugin's command that remembers how it was called, and answers with what it was given. */
function probe(overrides: Partial<RuntimeCommand> = {}) {
  const calls: { args: string; incident?: Incident; ctx: RequestContext }[] = [];
  const command: RuntimeCommand = {
    name: 'page', syntax: 'page <service|@person>', summary: 'Page the on-call of a service, or a person.', examples: ['page checkout'], takesIncident: true,
    async run(ctx, args, incident) {
      calls.push({ args, incident, ctx });
      return inChannel(noticeView([`Paging for ${incident?.reference ?? 'nothing'}: ${args} (${incident?.title ?? ''})`]));
    },
    ...overrides,
  };
  return { command, calls };
}

const refusal = (fn: () => void): MusterError => {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(MusterError);
    return error as MusterError;
  }
  return expect.fail('expected a refusal');
};

describe('CommandRegistry', () => {
  it('without run-time commands knows exactly the built-ins, in the order help lists them', () => {
    const app = buildApp();
    const catalog = app.container.get(CommandRegistry).catalog();
    expect(catalog.commands).to.deep.equal(BUILT_IN_CATALOG.commands);
    expect([...catalog.words]).to.deep.equal([...BUILT_IN_CATALOG.words]);
    expect(app.container.get(TOKENS.CommandExtensions), 'the extension point is the registry itself').to.equal(app.container.get(CommandRegistry));
  });

  it('shows a run-time command in help in its own group, explains it, suggests it for a typo, and runs it with its arguments', async () => {
    const { app, commands, say, incident } = await withIncident();
    const { command, calls } = probe();
    app.container.get(CommandRegistry).register('pagerduty', command);

    const overview = replyText(await commands.handleText(app.ctx('bob'), 'help'));
    expect(overview).to.match(/Plugins\n[^]*Page the on-call of a service, or a person\.[^]*Admin and help/);
    const detail = await commands.handleText(app.ctx('bob'), 'help page');
    expect(detail.view?.blocks[0]).to.deep.equal({ type: 'header', text: 'Help: page' });
    expect(replyText(detail)).to.include('Page the on-call').and.include('page checkout');

    const typo = replyText(await commands.handleText(app.ctx('bob'), 'pgae checkout'));
    expect(typo).to.include('Did you mean page?').and.include('/incident page <service|@person>');
    expect(calls, 'a typo runs nothing').to.have.length(0);

    const reply = await say('bob', 'page  checkout  --now ');
    expect(calls.map((c) => c.args)).to.deep.equal(['checkout  --now']);
    expect(calls[0]!.incident?.id, 'the incident of the room it was asked in').to.equal(incident.id);
    expect(reply.visibility).to.equal('in_channel');
    expect(replyText(reply)).to.include('Paging for INC-1: checkout  --now');
  });

  it('refuses a run-time command that would shadow a built-in word or another owner\'s command, and keeps the grammar as it was', () => {
    const registry = buildApp().container.get(CommandRegistry);
    for (const name of ['ack', 'help', 'severity', 'pm', 'acknowledge']) {
      const error = refusal(() => registry.register('evil', probe({ name }).command));
      expect(error.code, name).to.equal('conflict');
      expect(error.message).to.include(`\`${name}\` is a built-in Muster command`);
    }
    registry.register('pagerduty', probe().command);
    const taken = refusal(() => registry.register('opsgenie', probe().command));
    expect(taken.code).to.equal('conflict');
    expect(taken.message).to.include('already a command of pagerduty');
    expect(registry.catalog().named('ack')).to.equal('ack');
    expect(registry.catalog().commands.filter((c) => c.group === 'plugins').map((c) => c.name)).to.deep.equal(['page']);
  });

  it('refuses names the parser could never reach, and help text that would garble the list', () => {
    const registry = buildApp().container.get(CommandRegistry);
    for (const name of ['INC-42', 'inc-42', 'two words', '', 'Page', '--page', 'x'.repeat(33)]) {
      expect(refusal(() => registry.register('p', probe({ name }).command)).code, JSON.stringify(name)).to.equal('invalid_argument');
    }
    expect(refusal(() => registry.register('p', probe({ summary: '' }).command)).code).to.equal('invalid_argument');
    expect(refusal(() => registry.register('p', probe({ summary: 'Line one\nline two' }).command)).code).to.equal('invalid_argument');
    expect(refusal(() => registry.register('', probe().command)).code).to.equal('invalid_argument');
    expect(registry.catalog()).to.equal(registry.catalog(), 'nothing was added');
    expect(registry.catalog().commands).to.deep.equal(BUILT_IN_CATALOG.commands);
  });

  it('forgets every command of an owner that is unregistered, and only theirs', async () => {
    const app = buildApp();
    const registry = app.container.get(CommandRegistry);
    const commands = app.container.get(CommandDispatcher);
    const page = probe({ takesIncident: false });
    registry.register('pagerduty', page.command);
    registry.register('pagerduty', probe({ name: 'oncall', summary: 'Who is on call.', takesIncident: false }).command);
    registry.register('jira', probe({ name: 'ticket', summary: 'Open a ticket.', takesIncident: false }).command);
    registry.unregisterAll('pagerduty');
    expect(replyText(await commands.handleText(app.ctx('bob'), 'page checkout'))).to.include('There is no command “page”');
    expect(page.calls).to.have.length(0);
    const help = replyText(await commands.handleText(app.ctx('bob'), 'help'));
    expect(help).to.include('Open a ticket.');
    expect(help).to.not.match(/Page the on-call|Who is on call/);
    registry.register('opsgenie', probe({ takesIncident: false }).command);
    expect(registry.catalog().named('page'), 'the word is free again').to.equal('page');
  });

  it('refuses a reference in front of a run-time command that takes no incident', async () => {
    const app = buildApp();
    const { command, calls } = probe({ takesIncident: false });
    app.container.get(CommandRegistry).register('pagerduty', command);
    const text = replyText(await app.container.get(CommandDispatcher).handleText(app.ctx('bob'), 'INC-1 page checkout'));
    expect(text).to.include('page does not act on an existing incident, so leave out INC-1');
    expect(calls).to.have.length(0);
  });

  it('does not run an incident command for someone outside a private incident, and answers as if it did not exist', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    await commands.handleText(app.ctx('alice'), 'declare "Payroll breach" --private');
    await app.flush();
    const { command, calls } = probe();
    app.container.get(CommandRegistry).register('pagerduty', command);

    const named = replyText(await commands.handleText(app.ctx('eve'), 'INC-1 page payroll'));
    const missing = replyText(await commands.handleText(app.ctx('eve'), 'INC-2 page payroll'));
    expect(named).to.equal(missing.replace('INC-2', 'INC-1'));
    expect(named).to.not.include('Payroll');
    expect(replyText(await commands.handleText(app.ctx('eve'), 'page payroll')), 'typed outside any room').to.match(/not an incident room/);
    expect(calls, 'the plugin never heard of it').to.have.length(0);

    const allowed = await commands.handleText(app.ctx('alice'), 'INC-1 page payroll');
    expect(calls.map((c) => c.incident?.reference)).to.deep.equal(['INC-1']);
    expect(allowed.visibility, 'asked outside the room: only the asker sees the answer').to.equal('ephemeral');
  });

  it('answers a run-time command that throws with the generic line, logs it with its owner, and leaks nothing', async () => {
    const app = buildApp();
    app.container.get(CommandRegistry).register('pagerduty', probe({
      takesIncident: false,
      async run() { throw new Error('token pd_secret_123 rejected by api.pagerduty.com'); },
    }).command);
    app.container.get(CommandRegistry).register('statuspage', probe({
      name: 'publish', takesIncident: false,
      async run() { throw new MusterError('not_permitted', 'Only admins may publish.'); },
    }).command);
    const commands = app.container.get(CommandDispatcher);
    const text = replyText(await commands.handleText(app.ctx('bob'), 'page checkout'));
    expect(text).to.match(/Something went wrong on our side/).and.not.include('pd_secret');
    expect(app.logs).to.include('A run-time command failed');
    expect(replyText(await commands.handleText(app.ctx('bob'), 'publish'))).to.include('Only admins may publish.');
    expect(replyText(await commands.handleText(app.ctx('bob'), 'status')), 'the built-ins go on').to.match(/not an incident room/);
  });

  it('answers a run-time command that returns no reply with the generic line', async () => {
    const app = buildApp();
    app.container.get(CommandRegistry).register('p', probe({ takesIncident: false, run: async () => undefined as never }).command);
    const reply = await app.container.get(CommandDispatcher).handleText(app.ctx('bob'), 'page');
    expect(reply).to.deep.include({ visibility: 'ephemeral' });
    expect(replyText(reply)).to.match(/Something went wrong/);
  });

  it('keeps replies of a command that takes no incident as they are', async () => {
    const app = buildApp();
    app.container.get(CommandRegistry).register('p', probe({ takesIncident: false, run: async (_c, args) => ephemeral(noticeView([`echo ${args}`])) }).command);
    const reply = await app.container.get(CommandDispatcher).handleText(app.ctx('bob'), 'page "quoted" words');
    expect(replyText(reply)).to.equal('echo "quoted" words');
  });

  it('answers for a run-time command that hangs once its time limit passes, and the next command is answered as usual', async () => {
    const app = buildApp();
    const registry = app.container.get(CommandRegistry);
    registry.timeLimitMs = 30;
    registry.register('p', probe({ takesIncident: false, run: () => new Promise(() => {}) }).command);
    const commands = app.container.get(CommandDispatcher);
    const reply = await commands.handleText(app.ctx('bob'), 'page');
    expect(reply.visibility).to.equal('ephemeral');
    expect(replyText(reply)).to.include('The page command did not answer in time');
    expect(app.logs).to.include('A run-time command failed');
    expect(replyText(await commands.handleText(app.ctx('bob'), 'help'))).to.include('Muster commands');
  });
});
