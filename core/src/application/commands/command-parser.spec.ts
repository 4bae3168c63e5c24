import { expect } from 'chai';
import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import type { CommandName } from './command';
import { parseCommand } from './command-parser';
import { usageOf } from './command-usage';
import type { CommandCatalogs } from './parse-context';
import { failure, parse } from './command-parser.spec-helper';

const ARGUMENTLESS: readonly CommandName[] = ['status', 'ack', 'mitigate', 'resolve', 'reopen', 'decline', 'close', 'summary', 'timeline'];

describe('parseCommand', () => {
  describe('prefix and empty input', () => {
    for (const text of ['', '   ', '/incident', 'incident', '/INCIDENT  ', '\u0000\u0007', '\n\t']) {
      it(`reads ${JSON.stringify(text)} as help`, () => expect(parse(text)).to.deep.equal({ name: 'help' }));
    }

    it('strips /incident or incident in front of the command', () => {
      expect(parse('/incident ack')).to.deep.equal({ name: 'ack' });
      expect(parse('incident ack')).to.deep.equal({ name: 'ack' });
      expect(parse('  /Incident   resolve ')).to.deep.equal({ name: 'resolve' });
    });

    it('strips the prefix once and only as a whole word', () => {
      expect(failure('incidentally ack').code).to.equal('unknown_subcommand');
      expect(failure('/incident incident ack').code).to.equal('unknown_subcommand');
    });
  });

  describe('incident reference', () => {
    it('takes a reference in front of the command and normalises its case', () => {
      expect(parse('INC-42 resolve')).to.deep.equal({ name: 'resolve', incidentRef: 'INC-42' });
      expect(parse('/incident inc-7 RESOLVE')).to.deep.equal({ name: 'resolve', incidentRef: 'INC-7' });
      expect(parse('Inc-3 sev sev2')).to.deep.equal({ name: 'sev', severity: 'SEV2', incidentRef: 'INC-3' });
    });

    it('reads a bare reference as the status of that incident', () => {
      expect(parse('inc-42')).to.deep.equal({ name: 'status', incidentRef: 'INC-42' });
    });

    it('refuses two references', () => {
      const error = failure('INC-1 INC-2 ack');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('`/incident INC-1 status`');
    });

    it('refuses a reference in front of commands that do not act on an incident', () => {
      for (const text of ['INC-1 declare Outage', 'INC-1 plugins', 'INC-1 help']) {
        const error = failure(text);
        expect(error.code).to.equal('invalid_argument');
        expect(error.message).to.include('leave out INC-1');
      }
    });
  });

  describe('commands without arguments', () => {
    for (const name of ARGUMENTLESS) {
      it(`parses ${name} and refuses extra words after it`, () => {
        expect(parse(name)).to.deep.equal({ name });
        const error = failure(`${name} right now please`);
        expect(error.code).to.equal('invalid_argument');
        expect(error.message).to.include(`\`${name}\` takes nothing after it`).and.include('“right now please”').and.include(`\`/incident ${name}\``);
        expect(error.usage).to.equal(`/incident ${name}`);
      });
    }

    it('tells someone who put the reference last to put it first', () => {
      const error = failure('resolve inc-9');
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('`/incident INC-9 resolve`');
    });

    it('refuses options too', () => {
      expect(failure('ack --now').code).to.equal('invalid_argument');
    });
  });

  describe('command words', () => {
    const aliases: Record<string, CommandName> = {
      acknowledge: 'ack',
      severity: 'sev',
      mitigated: 'mitigate',
      resolved: 'resolve',
      pm: 'postmortem',
      '?': 'help',
    };
    for (const [alias, name] of Object.entries(aliases)) {
      it(`accepts ${alias} for ${name}`, () => expect(parse(name === 'sev' ? `${alias} SEV1` : alias).name).to.equal(name));
    }

    it('ignores case', () => {
      expect(parse('ACK')).to.deep.equal({ name: 'ack' });
      expect(parse('Resolve')).to.deep.equal({ name: 'resolve' });
      expect(parse('ReSoLvEd')).to.deep.equal({ name: 'resolve' });
    });
  });

  describe('unknown command', () => {
    const typos: Record<string, CommandName> = { reslove: 'resolve', acknowlege: 'ack', stauts: 'status', delcare: 'declare', postm: 'postmortem', timline: 'timeline' };
    for (const [typed, meant] of Object.entries(typos)) {
      it(`suggests ${meant} for ${typed}`, () => {
        const error = failure(typed);
        expect(error.code).to.equal('unknown_subcommand');
        expect(error.message).to.include(`“${typed}”`).and.include(`Did you mean \`${meant}\`?`);
        expect(error.usage).to.equal(usageOf(meant));
      });
    }

    it('without a near match, says how to declare and how to list commands', () => {
      const error = failure('checkout is down');
      expect(error.code).to.equal('unknown_subcommand');
      expect(error.message).to.include('“checkout”').and.include('`/incident declare <title>`').and.include('`/incident help`');
      expect(error.usage).to.equal('/incident [INC-42] <command> [arguments]');
    });

    it('keeps echoed input short and free of backticks', () => {
      const error = failure(`\`${'x'.repeat(100)}`);
      expect(error.message).to.include(`'${'x'.repeat(39)}…`);
      expect(error.message.split('`').length % 2).to.equal(1);
    });
  });


  describe('limits and odd input', () => {
    it('accepts 4000 characters and refuses more, before anything else', () => {
      expect(parse(`note ${'x'.repeat(3995)}`).name).to.equal('note');
      expect(parse(`note ${'😀'.repeat(3995)}`).name).to.equal('note');
      const error = failure(`declare "${'x'.repeat(3992)}`);
      expect(error.code).to.equal('input_too_long');
      expect(error.message).to.include('4001 characters').and.include('at most 4000').and.include('`/incident note <text>`');
    });

    it('refuses something that is not a string with a MusterError', () => {
      const error = failure(undefined as unknown as string);
      expect(error.code).to.equal('invalid_argument');
      expect(error.message).to.include('`/incident help`');
    });

    it('splits words on any whitespace, including no-break spaces', () => {
      expect(parse('sev\u00a0SEV1')).to.deep.equal({ name: 'sev', severity: 'SEV1' });
    });
  });

  describe('options', () => {
    it('writes usage lines and hints with the caller’s prefix', () => {
      const error = failure('sev', { prefix: '@Muster' });
      expect(error.usage).to.equal('@Muster sev <level>');
      expect(error.message).to.include('`@Muster sev SEV1`').and.not.include('/incident');
    });

    it('checks against the configured catalogues', () => {
      const custom: CommandCatalogs = {
        severities: new SeverityCatalog([
          { id: 'P1', label: 'Urgent', description: '', updateCadenceMinutes: 15, createsRoom: true, page: [], conference: false },
          { id: 'P2', label: 'High', description: '', updateCadenceMinutes: 60, createsRoom: false, page: [], conference: false },
        ]),
        roles: new RoleCatalog([{ id: 'commander', label: 'Lead', aliases: ['boss'], multiple: false, description: '' }], {
          'incident.transition': [],
          'incident.severity': [],
          'role.assign': [],
          'update.approve': [],
        }),
      };
      expect(parseCommand('sev p2', custom)).to.deep.equal({ name: 'sev', severity: 'P2' });
      expect(parseCommand('assign boss @a', custom)).to.deep.equal({ name: 'assign', role: 'commander', person: '@a' });
      const error = failure('sev SEV1', undefined, custom);
      expect(error.code).to.equal('unknown_severity');
      expect(error.message).to.include('`P1` or `P2`').and.include('`/incident sev P1`');
      expect(failure('assign ic @a', undefined, custom).message).to.include('`commander` (Lead)');
    });
  });
});
