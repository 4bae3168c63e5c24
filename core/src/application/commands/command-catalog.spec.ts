import { expect } from 'chai';
import fc from 'fast-check';
import { MusterError } from '../../errors';
import { isRuntimeCommand } from './command';
import { CommandCatalog } from './command-catalog';
import { parseAnyCommand } from './command-parser';
import { catalogs } from './command-parser.spec-helper';
import { BUILT_IN_CATALOG } from './command-usage';
import { PARSE_ERROR_CODES } from './parse-context';
import { describeRuntimeCommand } from './runtime-command-description';

const page = describeRuntimeCommand('pagerduty', {
  name: 'page', syntax: '<service|@person>', summary: 'Page someone.', examples: ['page checkout'], takesIncident: true, run: async () => ({ visibility: 'ephemeral' }),
});
const withPage = BUILT_IN_CATALOG.with([page]);

describe('CommandCatalog and run-time commands in the grammar', () => {
  it('refuses two commands answering to one word', () => {
    expect(() => new CommandCatalog([...BUILT_IN_CATALOG.descriptions, { info: { ...page.info, name: 'ok', aliases: ['ACK'] }, runtime: true }]))
      .to.throw(MusterError, /Two commands answer to "ack"/);
  });

  it('writes a run-time command\'s usage line starting with its word, in the Plugins group', () => {
    expect(page.info).to.deep.include({ syntax: 'page <service|@person>', usage: '/incident page <service|@person>', group: 'plugins', aliases: [] });
    expect(withPage.usageLine('page', '@Muster')).to.equal('@Muster page <service|@person>');
  });

  it('parses a run-time command as its word and the rest, untouched, with the reference in front', () => {
    expect(parseAnyCommand(withPage, '/incident INC-3 PAGE  checkout "db" --now ', catalogs)).to.deep.equal({ kind: 'runtime', name: 'page', args: 'checkout "db" --now', incidentRef: 'INC-3' });
    expect(parseAnyCommand(withPage, 'page', catalogs)).to.deep.equal({ kind: 'runtime', name: 'page', args: '' });
    expect(parseAnyCommand(withPage, 'help page', catalogs)).to.deep.equal({ name: 'help', topic: 'page' });
    expect(parseAnyCommand(withPage, 'ack', catalogs), 'built-ins parse as before').to.deep.equal({ name: 'ack' });
  });

  it('for any input returns a built-in, a run-time command of the catalogue, or an explained MusterError', () => {
    const words = fc.constantFrom('page', 'pgae', 'PAGE', 'INC-4', 'help', 'ack', '--now', '"x', '@bob', 'checkout', '');
    const text = fc.array(fc.oneof(words, fc.string({ maxLength: 5 })), { maxLength: 6 }).map((ws) => ws.join(' '));
    fc.assert(fc.property(text, (typed) => {
      try {
        const parsed = parseAnyCommand(withPage, typed, catalogs);
        if (isRuntimeCommand(parsed)) expect(parsed.name).to.equal('page');
        else expect(withPage.named(parsed.name)).to.equal(parsed.name);
      } catch (error) {
        expect(error).to.be.instanceOf(MusterError);
        expect(PARSE_ERROR_CODES as readonly string[]).to.include((error as MusterError).code);
      }
    }), { numRuns: 1000 });
  });
});
