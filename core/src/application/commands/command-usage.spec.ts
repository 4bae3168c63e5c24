import { expect } from 'chai';
import type { CommandName } from './command';
import { COMMANDS, COMMAND_GROUPS, COMMAND_WORDS, commandNamed, generalUsage, usageLine, usageOf, withPrefix } from './command-usage';

// A Record forces this list to name every command the ParsedCommand union has, and no other.
const EVERY_COMMAND: Record<CommandName, true> = {
  declare: true, status: true, list: true, services: true, actions: true, sev: true, assign: true, ack: true, mitigate: true, resolve: true, reopen: true, decline: true,
  close: true, summary: true, update: true, note: true, action: true, postmortem: true, timeline: true, workflows: true, plugins: true, help: true,
};

describe('command usage catalogue', () => {
  it('describes every command once, in a known group', () => {
    expect(COMMANDS.map((c) => c.name)).to.have.members(Object.keys(EVERY_COMMAND));
    expect(new Set(COMMANDS.map((c) => c.name)).size).to.equal(COMMANDS.length);
    const groups = COMMAND_GROUPS.map((g) => g.group);
    for (const c of COMMANDS) {
      expect(groups).to.include(c.group);
      expect(c.summary, c.name).to.match(/^[A-Z].*\.$/);
      expect(c.usage).to.equal(`/incident ${c.syntax}`);
      expect(c.syntax.split(' ')[0]).to.equal(c.name);
    }
  });

  it('writes usage lines with any prefix', () => {
    expect(usageOf('sev')).to.equal('/incident sev <level>');
    expect(usageLine('assign')).to.equal('/incident assign <role> <@person>');
    expect(usageLine('sev', '@Muster')).to.equal('@Muster sev <level>');
    expect(generalUsage('@Muster')).to.equal('@Muster [INC-42] <command> [arguments]');
    expect(withPrefix('', '@Muster')).to.equal('@Muster');
  });

  it('maps names and the few aliases to commands, ignoring case', () => {
    expect(commandNamed('ACKNOWLEDGE')).to.equal('ack');
    expect(commandNamed('pm')).to.equal('postmortem');
    expect(commandNamed('?')).to.equal('help');
    expect(commandNamed('Catalogue')).to.equal('services');
    expect(commandNamed('nope')).to.equal(undefined);
    expect(COMMAND_WORDS.size).to.equal(COMMANDS.length + 8);
  });
});
