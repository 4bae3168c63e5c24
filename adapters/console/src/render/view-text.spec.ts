import type { Block, View } from '@muster/core';
import { expect } from 'chai';
import { stylesFor } from './ansi';
import { renderView } from './view-text';

const view = (...blocks: Block[]): View => ({ fallback: 'fallback', blocks });
const plain = (v: View) => renderView(v, stylesFor(false)).lines.join('\n');
const coloured = (v: View) => renderView(v, stylesFor(true)).lines.join('\n');
const ESC = '\x1b';

describe('renderView (terminal text)', () => {
  it('underlines a header with a rule when there is no colour, and makes it bold and underlined with colour', () => {
    expect(plain(view({ type: 'header', text: 'INC-1 · SEV1' }))).to.equal('INC-1 · SEV1\n────────────');
    expect(coloured(view({ type: 'header', text: 'INC-1 · SEV1' }))).to.equal(`${ESC}[1m${ESC}[4mINC-1 · SEV1${ESC}[24m${ESC}[22m`);
  });

  it('aligns fields as "Label: value"', () => {
    const text = plain(view({ type: 'fields', fields: [{ label: 'Status', value: ['Triage'] }, { label: 'Incident Commander', value: [{ mention: { platform: 'console', id: 'sre-lead', name: 'sre-lead' } }] }] }));
    expect(text.split('\n')).to.deep.equal(['Status:             Triage', 'Incident Commander: @sre-lead']);
  });

  it('shows lists with bullets, or numbers when ordered', () => {
    expect(plain(view({ type: 'list', items: [['one'], ['two']] }))).to.equal('• one\n• two');
    expect(plain(view({ type: 'list', items: [['one'], ['two']], ordered: true }))).to.equal('1. one\n2. two');
  });

  it('numbers buttons through the whole view and returns them in that order', () => {
    const buttons = [{ actionId: 'incident.ack', label: 'Acknowledge', value: 'i1' }, { actionId: 'incident.mitigate', label: 'Mitigated', value: 'i1' }];
    const rendered = renderView(view({ type: 'actions', buttons }, { type: 'actions', buttons: [{ actionId: 'incident.resolve', label: 'Resolve', value: 'i1' }] }), stylesFor(false));
    expect(rendered.lines).to.deep.equal(['[1] Acknowledge  [2] Mitigated', '[3] Resolve']);
    expect(rendered.buttons.map((b) => b.actionId)).to.deep.equal(['incident.ack', 'incident.mitigate', 'incident.resolve']);
  });

  it('marks warning and success tones with a sign, unless core already put one there', () => {
    expect(plain(view({ type: 'text', text: ['Only the commander can resolve.'], tone: 'warning' }))).to.equal('⚠ Only the commander can resolve.');
    expect(plain(view({ type: 'text', text: ['Resolved.'], tone: 'success' }))).to.equal('✔ Resolved.');
    expect(plain(view({ type: 'text', text: ['✅ Published'], tone: 'success' }))).to.equal('✅ Published');
  });

  it('writes code in backticks, links as "text <url>" and mentions as @name', () => {
    const text = plain(view({ type: 'text', text: ['Run ', { code: '/incident status' }, ', read ', { link: { text: 'the runbook', url: 'https://runbooks.example/db' } }, ', ask ', { mention: { platform: 'console', id: 'ops' } }] }));
    expect(text).to.equal('Run `/incident status`, read the runbook <https://runbooks.example/db>, ask @ops');
  });

  it('writes commands with the console\'s prefix and mention tokens in text as @name', () => {
    const text = plain(view({ type: 'text', text: ['Then ', { command: 'postmortem done' }, ' or ', { command: '' }, '; ask <@console:ops|ops> or <@slack:U0BOB>'] }));
    expect(text).to.equal('Then `/incident postmortem done` or `/incident`; ask @ops or @U0BOB');
  });

  it('mutes context only when colours are on, and prints no escape sequence at all without them', () => {
    const v = view({ type: 'context', text: ['Declared ', { bold: 'now' }] }, { type: 'divider' }, { type: 'text', text: ['x'], tone: 'muted' });
    expect(coloured(v)).to.contain(`${ESC}[2m`);
    expect(plain(v)).not.to.contain(ESC);
  });

  it('strips terminal escape sequences and bidi overrides from every piece of user text', () => {
    const hostile = `evil${ESC}]0;owned\x07${ESC}[2J\x9b31m\u202Etxt.exe`;
    const v = view(
      { type: 'header', text: hostile },
      { type: 'text', text: [hostile, { bold: hostile }, { code: hostile }, { link: { text: hostile, url: hostile } }, { mention: { platform: 'console', id: 'x', name: hostile } }] },
      { type: 'fields', fields: [{ label: hostile, value: [hostile] }] },
      { type: 'list', items: [[hostile]] },
      { type: 'context', text: [hostile] },
      { type: 'actions', buttons: [{ actionId: 'a', label: hostile, value: 'v' }] },
    );
    for (const text of [plain(v), coloured(v)]) {
      expect(text).not.to.contain('\x07');
      expect(text).not.to.contain('\x9b');
      expect(text).not.to.contain('\u202E');
      expect(text).not.to.contain(`${ESC}]`);
      expect(text).not.to.contain(`${ESC}[2J`);
    }
    expect(plain(v)).to.contain('evil]0;owned[2J31mtxt.exe');
  });

  it('prints <!channel> and @everyone literally: a terminal pings nobody and needs no escaping', () => {
    expect(plain(view({ type: 'text', text: ['<!channel> @everyone <@U123> *bold*'] }))).to.equal('<!channel> @everyone <@U123> *bold*');
  });

  it('falls back to the fallback text for a view without blocks', () => {
    expect(plain({ fallback: 'Nothing to show', blocks: [] })).to.equal('Nothing to show');
  });
});
