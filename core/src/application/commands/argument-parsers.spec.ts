import { expect } from 'chai';
import { failure, parse, parseAs } from './command-parser.spec-helper';

describe('parseCommand: arguments', () => {
  describe('sev', () => {
    it('normalises the level through the catalogue', () => {
      expect(parse('sev sev1')).to.deep.equal({ name: 'sev', severity: 'SEV1' });
      expect(parse('severity "SEV3"')).to.deep.equal({ name: 'sev', severity: 'SEV3' });
    });

    it('names the missing level and lists the levels', () => {
      const error = failure('sev');
      expect(error.code).to.equal('missing_argument');
      expect(error.message).to.include('`SEV1`, `SEV2` or `SEV3`').and.include('`/incident sev SEV1`');
      expect(error.usage).to.equal('/incident sev <level>');
    });

    it('refuses an unknown level, extra words and options', () => {
      const unknown = failure('sev high');
      expect(unknown.code).to.equal('unknown_severity');
      expect(unknown.message).to.include('“high”').and.include('`/incident sev SEV1`');
      expect(unknown.details).to.deep.include({ allowed: ['SEV1', 'SEV2', 'SEV3'] });
      const extra = failure('sev SEV1 now');
      expect(extra.code).to.equal('invalid_argument');
      expect(extra.message).to.include('“now”').and.include('`/incident sev SEV1`');
      const option = failure('sev --sev SEV1');
      expect(option.code).to.equal('invalid_argument');
      expect(option.message).to.include('takes no options').and.include('`/incident sev <level>`');
    });
  });

  describe('assign', () => {
    it('resolves the role through the catalogue and keeps the person as typed', () => {
      expect(parse('assign ic @sre-lead')).to.deep.equal({ name: 'assign', role: 'commander', person: '@sre-lead' });
      expect(parse('assign comms <@slack:U123ABC>')).to.deep.equal({ name: 'assign', role: 'communications_lead', person: '<@slack:U123ABC>' });
      expect(parse('assign SME <@slack:U123ABC|alice>')).to.deep.equal({ name: 'assign', role: 'sme', person: '<@slack:U123ABC|alice>' });
      expect(parse('assign ic <@teams:5f1c-77|Bob Jones>'), 'a token is one word, whatever its name holds')
        .to.deep.equal({ name: 'assign', role: 'commander', person: '<@teams:5f1c-77|Bob Jones>' });
      expect(parse('assign commander alice')).to.deep.equal({ name: 'assign', role: 'commander', person: 'alice' });
    });

    it('takes a role of several words, quoted or not', () => {
      expect(parse('assign incident commander @alice')).to.deep.equal({ name: 'assign', role: 'commander', person: '@alice' });
      expect(parse('assign "subject matter expert" @bob')).to.deep.equal({ name: 'assign', role: 'sme', person: '@bob' });
    });

    it('names what is missing', () => {
      const none = failure('assign');
      expect(none.code).to.equal('missing_argument');
      expect(none.message).to.include('`/incident assign commander @alice`');
      expect(none.usage).to.equal('/incident assign <role> <@person>');
      const person = failure('assign comms');
      expect(person.code).to.equal('missing_argument');
      expect(person.message).to.include('Communications Lead').and.include('`/incident assign comms @alice`');
      const role = failure('assign @bob');
      expect(role.code).to.equal('missing_argument');
      expect(role.message).to.include('which role').and.include('`/incident assign commander @bob`');
    });

    it('refuses an unknown role, listing the roles', () => {
      const error = failure('assign captain @bob');
      expect(error.code).to.equal('unknown_role');
      expect(error.message).to.include('“captain”').and.include('`commander` (Incident Commander)').and.include('`comms` (Communications Lead)').and.include('`/incident assign');
      expect(failure('assign comm @bob').message).to.include('Did you mean `comms`?');
    });

    it('asks for the role first when the order is swapped', () => {
      const error = failure('assign @bob ic');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('`/incident assign ic @bob`');
    });

    it('refuses anything after the person', () => {
      const error = failure('assign ic @bob @carol');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('“@carol”').and.include('`/incident assign commander @bob`');
    });
  });

  describe('update', () => {
    it('defaults to internal and reads the audience in any case', () => {
      expect(parse('update')).to.deep.equal({ name: 'update', audience: 'internal' });
      expect(parse('update internal')).to.deep.equal({ name: 'update', audience: 'internal' });
      expect(parse('update EXTERNAL')).to.deep.equal({ name: 'update', audience: 'external' });
    });

    it('refuses other words, pointing text to notes', () => {
      const error = failure('update fixed the database');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('`internal` or `external`').and.include('“fixed the database”').and.include('`/incident note <text>`');
      expect(failure('update external now').code).to.equal('invalid_argument');
    });
  });

  describe('note', () => {
    it('keeps the text verbatim: quotes, dashes, spacing and line breaks', () => {
      expect(parse('note  Rolled back "deploy  42" --force\nerror rate falling  ')).to.deep.equal({ name: 'note', text: 'Rolled back "deploy  42" --force\nerror rate falling' });
      expect(parseAs('note', 'note customer says "it’s down').text).to.equal('customer says "it’s down');
      expect(parse('INC-4 note hi').incidentRef).to.equal('INC-4');
    });

    it('removes control characters but keeps newlines and tabs', () => {
      expect(parseAs('note', 'note a\u0000b\u001b[31mc\r\nd\te\u0085').text).to.equal('ab[31mc\nd\te');
    });

    it('names the missing text', () => {
      const error = failure('note   ');
      expect(error.code).to.equal('missing_argument');
      expect(error.message).to.include('Add the text after `note`').and.include('`/incident note ');
      expect(error.usage).to.equal('/incident note <text>');
    });
  });

  describe('action', () => {
    it('takes a trailing mention as the owner', () => {
      expect(parse('action Add an alert on latency @alice')).to.deep.equal({ name: 'action', text: 'Add an alert on latency', owner: '@alice' });
      expect(parse('action Fix "retry" logic  <@slack:U123ABC>')).to.deep.equal({ name: 'action', text: 'Fix "retry" logic', owner: '<@slack:U123ABC>' });
      expect(parseAs('action', 'action Fix it <@slack:U1|bob>').owner).to.equal('<@slack:U1|bob>');
      expect(parse('action Call the vendor <@teams:5f1c-77|Bob Jones>')).to.deep.equal({ name: 'action', text: 'Call the vendor', owner: '<@teams:5f1c-77|Bob Jones>' });
    });

    it('keeps text without a trailing mention whole', () => {
      expect(parse('action Ask @alice about the cache')).to.deep.equal({ name: 'action', text: 'Ask @alice about the cache' });
      expect(parse('action Email alice@example.com')).to.deep.equal({ name: 'action', text: 'Email alice@example.com' });
    });

    it('names the missing text', () => {
      for (const text of ['action', 'action @alice']) {
        const error = failure(text);
        expect(error.code).to.equal('missing_argument');
        expect(error.message).to.include('`/incident action Add an alert on checkout latency @alice`');
        expect(error.usage).to.equal('/incident action <text> [@owner] [--due 3d|2026-12-24]');
      }
    });

    it('takes --due in hours, days or weeks, or as a day, wherever it stands after the text', () => {
      expect(parse('action Rotate the key @alice --due 3d')).to.deep.equal({ name: 'action', text: 'Rotate the key', owner: '@alice', due: { in: { amount: 3, unit: 'd' } } });
      expect(parse('action Rotate the key --due=2W @alice')).to.deep.equal({ name: 'action', text: 'Rotate the key', owner: '@alice', due: { in: { amount: 2, unit: 'w' } } });
      expect(parse('action --due 12h Rotate the key')).to.deep.equal({ name: 'action', text: 'Rotate the key', due: { in: { amount: 12, unit: 'h' } } });
      expect(parse('action Rotate the key --due 2026-12-24')).to.deep.equal({ name: 'action', text: 'Rotate the key', due: { on: '2026-12-24' } });
      expect(parse('action Rotate the key @alice —due 3d'), 'a phone\'s em dash').to.deep.equal({ name: 'action', text: 'Rotate the key', owner: '@alice', due: { in: { amount: 3, unit: 'd' } } });
      expect(parse('action Fix the pre-due check'), 'a word that only contains due').to.deep.equal({ name: 'action', text: 'Fix the pre-due check' });
    });

    it('refuses a due date it cannot read, naming the forms it takes, and one with nothing to do', () => {
      for (const [text, code] of [
        ['action Rotate the key --due', 'missing_argument'], ['action Rotate the key --due --soon', 'missing_argument'],
        ['action Rotate the key --due tomorrow', 'invalid_argument'], ['action Rotate the key --due 2026-02-30', 'invalid_argument'],
        ['action Rotate the key --due 0d', 'invalid_argument'], ['action --due 3d', 'missing_argument'],
      ] as const) {
        const error = failure(text);
        expect(error.code, text).to.equal(code);
        expect(error.message, text).to.match(/3d|needs doing/);
      }
    });
  });

  describe('plugins', () => {
    it('lists by default and reads the other actions', () => {
      expect(parse('plugins')).to.deep.equal({ name: 'plugins', action: 'list' });
      expect(parse('plugins LIST')).to.deep.equal({ name: 'plugins', action: 'list' });
      expect(parse('plugins install pagerduty')).to.deep.equal({ name: 'plugins', action: 'install', plugin: 'pagerduty' });
      expect(parse('plugins configure @muster/plugin-jira')).to.deep.equal({ name: 'plugins', action: 'configure', plugin: '@muster/plugin-jira' });
      expect(parse('plugins uninstall zoom')).to.deep.equal({ name: 'plugins', action: 'uninstall', plugin: 'zoom' });
    });

    it('names the missing plugin', () => {
      const error = failure('plugins install');
      expect(error.code).to.equal('missing_argument');
      expect(error.message).to.include('`/incident plugins install pagerduty`').and.include('`/incident plugins list`');
    });

    it('refuses unknown actions, odd names and extra words', () => {
      const verb = failure('plugins instal jira');
      expect(verb.code).to.equal('invalid_argument');
      expect(verb.message).to.include('Did you mean `install`?').and.include('`list`, `install`, `configure` or `uninstall`');
      expect(failure('plugins install "my plugin"').code).to.equal('invalid_argument');
      expect(failure('plugins install jira zoom').code).to.equal('invalid_argument');
      expect(failure('plugins list all').code).to.equal('invalid_argument');
    });
  });

  describe('help', () => {
    it('reads an optional topic, aliases included', () => {
      expect(parse('help')).to.deep.equal({ name: 'help' });
      expect(parse('help declare')).to.deep.equal({ name: 'help', topic: 'declare' });
      expect(parse('? acknowledge')).to.deep.equal({ name: 'help', topic: 'ack' });
      expect(parse('HELP PM')).to.deep.equal({ name: 'help', topic: 'postmortem' });
    });

    it('refuses an unknown topic with a suggestion', () => {
      const near = failure('help reslove');
      expect(near.code).to.equal('unknown_subcommand');
      expect(near.message).to.include('Did you mean `resolve`?').and.include('`/incident help resolve`');
      const far = failure('help quantum');
      expect(far.code).to.equal('unknown_subcommand');
      expect(far.message).to.include('“quantum”').and.include('`/incident help`');
      expect(failure('help ack now').code).to.equal('invalid_argument');
    });
  });

});
