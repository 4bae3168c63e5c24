import type { Block, View } from '@muster/core';
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, MrkdwnElement, SectionBlock } from '@slack/web-api';
import { expect } from 'chai';
import { actionIdOf } from './button-elements';
import { renderBlocks } from './render-blocks';
import * as limits from './slack-limits';

const view = (blocks: Block[], fallback = 'fallback'): View => ({ fallback, blocks });
const sectionText = (b: unknown) => ((b as SectionBlock).text as MrkdwnElement).text;
const contextText = (b: unknown) => ((b as ContextBlock).elements[0] as MrkdwnElement).text;
const hasControlSequence = (mrkdwn: string) => /<[^>]*>/.test(mrkdwn);

describe('renderBlocks', () => {
  const hostile = '<!channel> @everyone *bold* <@U123>';

  it('renders a hostile title as literal text everywhere it appears', () => {
    const { text, blocks } = renderBlocks(view([{ type: 'header', text: hostile }, { type: 'text', text: [hostile] }, { type: 'context', text: [hostile] }], hostile));
    const header = blocks[0] as HeaderBlock;
    expect(header.text).to.deep.equal({ type: 'plain_text', text: hostile, emoji: true });
    expect(hasControlSequence(sectionText(blocks[1]))).to.equal(false);
    expect(hasControlSequence(contextText(blocks[2]))).to.equal(false);
    expect(hasControlSequence(text)).to.equal(false);
    expect((blocks[1] as SectionBlock).text).to.include({ type: 'mrkdwn', verbatim: true });
  });

  it('shows tones: muted as context, warning and success with an emoji', () => {
    const { blocks } = renderBlocks(view([
      { type: 'text', text: ['quiet'], tone: 'muted' },
      { type: 'text', text: ['careful'], tone: 'warning' },
      { type: 'text', text: ['done'], tone: 'success' },
    ]));
    expect(blocks[0]?.type).to.equal('context');
    expect(sectionText(blocks[1])).to.equal(':warning: careful');
    expect(sectionText(blocks[2])).to.equal(':white_check_mark: done');
  });

  it('turns buttons into actions with value, style and a confirm dialog', () => {
    const { blocks } = renderBlocks(view([{ type: 'actions', buttons: [
      { actionId: 'incident.resolve', label: 'Resolve', value: 'inc-1', style: 'danger', confirm: 'Resolve INC-1?' },
      { actionId: 'incident.ack', label: 'Ack', value: 'inc-1', style: 'primary' },
    ] }]));
    const [resolve, ack] = (blocks[0] as ActionsBlock).elements as Button[];
    expect(resolve).to.deep.include({ action_id: 'incident.resolve', value: 'inc-1', style: 'danger' });
    expect(resolve?.confirm?.text).to.deep.equal({ type: 'plain_text', text: 'Resolve INC-1?', emoji: true });
    expect(resolve?.confirm?.style).to.equal('danger');
    expect(ack).to.deep.include({ action_id: 'incident.ack', style: 'primary' });
  });

  it('makes a repeated action id unique within the message, and reversible', () => {
    const button = { actionId: 'incident.ack', label: 'Ack', value: 'x' };
    const { blocks } = renderBlocks(view([{ type: 'actions', buttons: [button] }, { type: 'actions', buttons: [button, button] }]));
    const ids = blocks.flatMap((b) => (b as ActionsBlock).elements.map((e) => (e as Button).action_id));
    expect(new Set(ids).size).to.equal(3);
    expect(ids.map((id) => actionIdOf(id ?? ''))).to.deep.equal(['incident.ack', 'incident.ack', 'incident.ack']);
  });

  it('puts at most five buttons in a row and cuts long labels', () => {
    const buttons = Array.from({ length: 12 }, (_, i) => ({ actionId: `a.${i}`, label: 'L'.repeat(100), value: `${i}` }));
    const { blocks } = renderBlocks(view([{ type: 'actions', buttons }]));
    expect(blocks.map((b) => (b as ActionsBlock).elements.length)).to.deep.equal([5, 5, 2]);
    const label = ((blocks[0] as ActionsBlock).elements[0] as Button).text.text;
    expect(label.length).to.equal(limits.MAX_BUTTON_TEXT);
    expect(label.endsWith('…')).to.equal(true);
  });

  it('leaves out a button whose payload is too long to carry, and says so', () => {
    const { blocks } = renderBlocks(view([{ type: 'actions', buttons: [
      { actionId: 'ok', label: 'OK', value: 'v' },
      { actionId: 'big', label: 'Big', value: 'x'.repeat(limits.MAX_BUTTON_VALUE + 1) },
    ] }]));
    expect((blocks[0] as ActionsBlock).elements).to.have.length(1);
    expect(contextText(blocks[1])).to.equal('… 1 more item not shown');
  });

  it('keeps 50 blocks per message: 49 and a line counting the rest', () => {
    const many: Block[] = Array.from({ length: 60 }, () => ({ type: 'divider' }));
    const { blocks } = renderBlocks(view(many));
    expect(blocks).to.have.length(limits.MAX_BLOCKS_PER_MESSAGE);
    expect(contextText(blocks[49])).to.equal('… 11 more items not shown');
  });

  it('cuts section text at 3000 and a header at 150 characters, with a marker', () => {
    const { blocks } = renderBlocks(view([{ type: 'header', text: 'H'.repeat(400) }, { type: 'text', text: ['x'.repeat(5000)] }]));
    const header = (blocks[0] as HeaderBlock).text.text;
    expect(header.length).to.equal(limits.MAX_HEADER_TEXT);
    expect(header.endsWith('…')).to.equal(true);
    const text = sectionText(blocks[1]);
    expect(text.length).to.equal(limits.MAX_SECTION_TEXT);
    expect(text.endsWith('…')).to.equal(true);
  });

  it('spreads more than ten fields over several sections and cuts a long field at 2000', () => {
    const fields = Array.from({ length: 13 }, (_, i) => ({ label: `F${i}`, value: [i === 0 ? 'v'.repeat(2500) : `v${i}`] }));
    const { blocks } = renderBlocks(view([{ type: 'fields', fields }]));
    const sections = blocks as SectionBlock[];
    expect(sections.map((s) => s.fields?.length)).to.deep.equal([10, 3]);
    const first = (sections[0]?.fields?.[0] as MrkdwnElement).text;
    expect(first.startsWith('*F0*\n')).to.equal(true);
    expect(first.length).to.equal(limits.MAX_FIELD_TEXT);
    expect(first.endsWith('…')).to.equal(true);
  });

  it('shows a list in full when it fits, else whole items and a count of the rest', () => {
    const short = renderBlocks(view([{ type: 'list', items: [['a'], ['b']], ordered: true }]));
    expect(sectionText(short.blocks[0])).to.equal('1. a\n2. b');
    const long = renderBlocks(view([{ type: 'list', items: Array.from({ length: 100 }, (_, i) => [`item ${i} `.padEnd(60, '.')]) }]));
    const text = sectionText(long.blocks[0]);
    expect(text.length).to.be.at.most(limits.MAX_SECTION_TEXT);
    expect(text).to.match(/\n… \d+ more items not shown$/);
    expect(text.split('\n').slice(0, -1).every((line) => line.startsWith('• item'))).to.equal(true);
  });

  it('escapes the fallback text and cuts it at 40000 characters', () => {
    expect(renderBlocks(view([], '<!here> help')).text).to.equal('&lt;!here&gt; help');
    const { text } = renderBlocks(view([], 'y'.repeat(50_000)));
    expect(text.length).to.equal(limits.MAX_FALLBACK_TEXT);
    expect(text.endsWith('…')).to.equal(true);
  });

  it('falls back to the header when the view has no fallback', () => {
    expect(renderBlocks(view([{ type: 'header', text: 'INC-7 declared' }], '')).text).to.equal('INC-7 declared');
  });
});
