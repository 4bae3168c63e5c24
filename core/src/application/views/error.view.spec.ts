import { expect } from 'chai';
import { MusterError } from '../../errors';
import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import { parseCommand } from '../commands/command-parser';
import { errorView, withCodeSpans } from './error.view';
import { textFor, type View } from './view';
import { commandCode, usageLine } from '../commands/command-usage';

const GENERIC = 'Something went wrong on our side. The details were logged; please try again in a moment.';

function thrownBy(text: string): unknown {
  try {
    parseCommand(text, { severities: new SeverityCatalog(), roles: new RoleCatalog() });
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
}

/** What a reader on a platform with `prefix` sees, block by block. */
const readAs = (view: View, prefix: string): string =>
  view.blocks.map((b) => (b.type === 'text' || b.type === 'context' ? textFor(b.text, prefix) : '')).join('\n');

describe('errorView', () => {
  it('shows a command error with its code spans, usage line and the way to help', () => {
    const view = errorView(thrownBy('reslove'));
    expect(view.blocks).to.deep.equal([
      { type: 'text', tone: 'warning', text: ['There is no command “reslove”. Did you mean ', { code: 'resolve' }, '? Type ', { command: 'resolve' }, '.'] },
      { type: 'text', text: ['Usage: ', { command: 'resolve' }] },
      { type: 'context', text: ['Type ', { command: 'help' }, ' for all commands.'] },
    ]);
    expect(view.fallback, 'no literal backticks in notifications').to.equal('There is no command “reslove”. Did you mean resolve? Type /incident resolve. Usage: /incident resolve');
  });

  it('leaves out the usage line and the help line after a refusal, which already says what to do', () => {
    for (const code of ['not_permitted', 'invalid_transition', 'not_found', 'invalid_state'] as const) {
      const view = errorView(new MusterError(code, 'Only the Incident Commander can do that: ask for `ic`.'), '@Muster');
      expect(view.blocks, code).to.deep.equal([{ type: 'text', tone: 'warning', text: ['Only the Incident Commander can do that: ask for ', { code: 'ic' }, '.'] }]);
      expect(view.fallback).to.equal('Only the Incident Commander can do that: ask for ic.');
    }
  });

  it('points to help with the platform prefix for an unknown command', () => {
    const view = errorView(new MusterError('unknown_subcommand', 'There is no command “x”.'), '@Muster');
    expect(view.blocks[view.blocks.length - 1]).to.deep.equal({ type: 'context', text: ['Type ', { command: 'help' }, ' for all commands.'] });
    expect(readAs(view, '@Muster')).to.include('Type @Muster help for all commands.');
  });

  it('never shows the message or stack of anything else', () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:3306 password=hunter2');
    for (const error of [secret, new MusterError('internal', 'db password=hunter2', { usage: '/incident x' }), 'a string', undefined, { message: 'x' }]) {
      const view = errorView(error);
      expect(view.fallback).to.equal(GENERIC);
      expect(view.blocks).to.deep.equal([{ type: 'text', tone: 'warning', text: [GENERIC] }]);
      expect(JSON.stringify(view)).to.not.include('hunter2');
    }
  });

  it('has a fallback for every parse error', () => {
    for (const text of ['sev', 'sev high', 'assign captain @a', 'declare "x', 'ack now', 'note', 'x'.repeat(4001)]) {
      const view = errorView(thrownBy(text));
      expect(view.fallback.length).to.be.greaterThan(10);
      expect(view.blocks.length).to.equal(3);
    }
  });
});

describe('withCodeSpans', () => {
  it('turns backticked parts into code and leaves unpaired backticks alone', () => {
    expect(withCodeSpans('Type `ack` now')).to.deep.equal(['Type ', { code: 'ack' }, ' now']);
    expect(withCodeSpans('`a``b`')).to.deep.equal([{ code: 'a' }, { code: 'b' }]);
    expect(withCodeSpans('odd ` one')).to.deep.equal(['odd ` one']);
    expect(withCodeSpans('Type `ack`, it\'s `odd')).to.deep.equal(['Type ', { code: 'ack' }, ', it\'s `odd'], 'one stray backtick does not undo the pairs before it');
    expect(withCodeSpans('')).to.deep.equal([]);
  });

  it('shows commands that messages write in the canonical grammar with the platform\'s own prefix', () => {
    const error = new MusterError('missing_argument', `Write the note after the command: ${commandCode('note <text>')}.`, { usage: usageLine('note') });
    const teams = errorView(error, '@Muster');
    expect(JSON.stringify(teams.blocks)).to.include('{"command":"note <text>"}').and.not.include('/incident');
    expect(readAs(teams, '@Muster')).to.include('@Muster note <text>').and.not.include('/incident');
    expect(teams.fallback).to.include('@Muster note <text>').and.not.include('/incident');
    expect(readAs(errorView(error), '/incident')).to.include('/incident note <text>');
    expect(withCodeSpans('run `/incidents` or `/incident`', '@Muster')).to.deep.equal(['run ', { code: '/incidents' }, ' or ', { command: '' }]);
    expect(withCodeSpans('type `@Muster sev SEV1`', '@Muster'), 'the caller\'s own prefix is read too').to.deep.equal(['type ', { command: 'sev SEV1' }]);
  });
});
