import { expect } from 'chai';
import { COMMANDS, usageLine, withPrefix } from '../commands/command-usage';
import { helpView } from './help.view';
import { textOf, type Block, type View } from './view';

/** Everything a reader sees, block by block, as plain text. */
function visibleText(view: View): string {
  return view.blocks
    .map((b: Block) => {
      if (b.type === 'header') return b.text;
      if (b.type === 'text' || b.type === 'context') return textOf(b.text);
      if (b.type === 'list') return b.items.map(textOf).join('\n');
      return '';
    })
    .join('\n');
}

/** Every command and code piece, as a reader on a platform with `prefix` sees it. */
const codes = (view: View, prefix = '/incident'): string[] =>
  view.blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' ? [b.text] : b.type === 'list' ? b.items : []))
    .flatMap((rich) => rich.flatMap((i) => (typeof i === 'object' && 'code' in i ? [i.code] : typeof i === 'object' && 'command' in i ? [withPrefix(i.command, prefix)] : [])));

describe('helpView', () => {
  it('lists every command with its usage and summary, grouped', () => {
    const view = helpView();
    expect(view.blocks[0]).to.deep.equal({ type: 'header', text: 'Muster commands' });
    const text = visibleText(view);
    for (const c of COMMANDS) {
      expect(codes(view)).to.include(c.usage);
      expect(text).to.include(c.summary);
    }
    for (const group of ['Declaring', 'Running the response', 'Communicating', 'Afterwards', 'Admin and help']) {
      expect(view.blocks).to.deep.include({ type: 'text', text: [{ bold: group }] });
    }
    expect(view.fallback).to.include('declare').and.include('help');
    expect(view.blocks.length).to.be.below(50);
  });

  it('shows usage, summary, examples and aliases of one command', () => {
    const view = helpView('ack');
    expect(view.blocks[0]).to.deep.equal({ type: 'header', text: 'Help: ack' });
    expect(codes(view)).to.include.members(['/incident ack', '/incident acknowledge', '/incident INC-42 ack', '/incident help']);
    expect(visibleText(view)).to.include('Acknowledge the incident');
    expect(view.fallback).to.equal('/incident ack — Acknowledge the incident: someone is on it.');
    const declare = helpView('declare');
    expect(codes(declare)).to.include('/incident declare Checkout errors --sev SEV1');
    expect(visibleText(declare)).to.not.include('INC-42');
  });

  it('uses the platform prefix everywhere', () => {
    for (const view of [helpView(undefined, '@Muster'), helpView('sev', '@Muster')]) {
      expect(codes(view, '@Muster').every((c) => c.startsWith('@Muster'))).to.equal(true);
      expect(JSON.stringify(view)).to.not.include('/incident');
    }
    expect(codes(helpView('sev', '@Muster'), '@Muster')).to.include(usageLine('sev', '@Muster'));
  });

  it('falls back to the overview for a topic it does not know', () => {
    expect(helpView('nope' as never)).to.deep.equal(helpView());
  });

  it('puts text in as inline pieces, never as markup', () => {
    const json = JSON.stringify([helpView(), ...COMMANDS.map((c) => helpView(c.name))]);
    expect(json).to.not.match(/[*_]\w|&lt;|<b>/);
  });
});
