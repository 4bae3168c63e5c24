import type { Block as MusterBlock, RichText, View } from '@muster/core';
import { readableMentions, textOf } from '@muster/core';
import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/web-api';
import { ActionIdAllocator, renderActions } from './button-elements';
import { renderInput } from './input-elements';
import { renderMrkdwn } from './mrkdwn';
import {
  MAX_BLOCKS_PER_MESSAGE,
  MAX_FALLBACK_TEXT,
  MAX_FIELD_TEXT,
  MAX_FIELDS_PER_SECTION,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
  TRUNCATION_MARKER,
} from './slack-limits';
import { truncatePlain } from '@muster/core';

/** What `chat.postMessage` and `chat.update` take: the notification fallback and the blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const TONE_PREFIX = { warning: ':warning: ', success: ':white_check_mark: ' } as const;
/** A field label longer than this is cut, leaving the value the room. */
const MAX_FIELD_LABEL = 200;

/** verbatim: Slack must not auto-link or auto-parse anything we did not mark up ourselves. */
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });

export function moreNotShown(count: number): ContextBlock {
  return { type: 'context', elements: [mrkdwn(`${TRUNCATION_MARKER} ${count} more ${count === 1 ? 'item' : 'items'} not shown`)] };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function textBlock(block: Extract<MusterBlock, { type: 'text' }>): KnownBlock | undefined {
  const tone = block.tone ?? 'normal';
  if (tone === 'muted') return contextBlock(block.text);
  const prefix = tone === 'normal' ? '' : TONE_PREFIX[tone];
  const body = renderMrkdwn(block.text, MAX_SECTION_TEXT - prefix.length);
  return body.trim() === '' ? undefined : section(prefix + body);
}

function contextBlock(text: RichText): ContextBlock | undefined {
  const body = renderMrkdwn(text, MAX_SECTION_TEXT);
  return body.trim() === '' ? undefined : { type: 'context', elements: [mrkdwn(body)] };
}

function fieldText(label: string, value: RichText): string {
  const head = label.trim() === '' ? '' : `${renderMrkdwn([{ bold: label }], MAX_FIELD_LABEL)}\n`;
  const body = renderMrkdwn(value, MAX_FIELD_TEXT - head.length);
  return head + (body.trim() === '' ? '—' : body);
}

/** Slack allows ten fields per section; more fields continue in further sections rather than vanish. */
function fieldSections(block: Extract<MusterBlock, { type: 'fields' }>): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let i = 0; i < block.fields.length; i += MAX_FIELDS_PER_SECTION) {
    const fields = block.fields.slice(i, i + MAX_FIELDS_PER_SECTION).map((f) => mrkdwn(fieldText(f.label, f.value)));
    sections.push({ type: 'section', fields });
  }
  return sections;
}

/** A list keeps whole items while they fit the section, then says how many it left out. */
function listSection(block: Extract<MusterBlock, { type: 'list' }>): SectionBlock | undefined {
  if (block.items.length === 0) return undefined;
  const lines = block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${renderMrkdwn(item)}`);
  const all = lines.join('\n');
  if (all.length <= MAX_SECTION_TEXT) return section(all);
  const markerFor = (left: number) => `\n${TRUNCATION_MARKER} ${left} more ${left === 1 ? 'item' : 'items'} not shown`;
  let text = '';
  let kept = 0;
  for (const line of lines) {
    const next = kept === 0 ? line : `${text}\n${line}`;
    if (next.length + markerFor(lines.length - kept - 1).length > MAX_SECTION_TEXT) break;
    text = next;
    kept++;
  }
  if (kept === 0) {
    // Even the first item is too long alone: show it cut, and count the rest.
    const first = block.items[0] ?? [];
    const prefix = block.ordered ? '1. ' : '• ';
    text = prefix + renderMrkdwn(first, MAX_SECTION_TEXT - prefix.length - markerFor(lines.length - 1).length);
    kept = 1;
  }
  return section(kept < lines.length ? text + markerFor(lines.length - kept) : text);
}

/** One neutral block as zero or more Slack blocks (fields and long button rows may take several). */
export function renderBlock(block: MusterBlock, ids: ActionIdAllocator): KnownBlock[] {
  const one = (b: KnownBlock | undefined): KnownBlock[] => (b ? [b] : []);
  switch (block.type) {
    case 'header': {
      // Header blocks are plain text: nothing in them is parsed, so no mrkdwn escaping is needed;
      // a mention token (a title that named someone) reads as @name.
      const text = readableMentions(block.text).trim();
      return text === '' ? [] : [{ type: 'header', text: { type: 'plain_text', text: truncatePlain(text, MAX_HEADER_TEXT), emoji: true } }];
    }
    case 'text':
      return one(textBlock(block));
    case 'context':
      return one(contextBlock(block.text));
    case 'fields':
      return fieldSections(block);
    case 'list':
      return one(listSection(block));
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions': {
      const { blocks, omitted } = renderActions(block.buttons, ids);
      return omitted > 0 ? [...blocks, moreNotShown(omitted)] : blocks;
    }
    case 'input':
      return one(renderInput(block));
  }
}

/** All blocks, cut to `maxBlocks` with a closing line saying how many were left out. */
export function renderBlockList(blocks: readonly MusterBlock[], maxBlocks: number): KnownBlock[] {
  const ids = new ActionIdAllocator();
  const rendered = blocks.flatMap((b) => renderBlock(b, ids));
  if (rendered.length <= maxBlocks) return rendered;
  const kept = rendered.slice(0, maxBlocks - 1);
  return [...kept, moreNotShown(rendered.length - kept.length)];
}

/** The notification text: the view's fallback, or failing that its first header or text. */
function fallbackOf(view: View): string {
  if (view.fallback.trim() !== '') return view.fallback;
  for (const block of view.blocks) {
    if (block.type === 'header' && block.text.trim() !== '') return block.text;
    if (block.type === 'text' && textOf(block.text).trim() !== '') return textOf(block.text);
  }
  return 'Muster';
}

/** A view as a Slack message. The fallback is mrkdwn too (notifications parse it), so it is escaped. */
export function renderBlocks(view: View): SlackMessage {
  return {
    text: renderMrkdwn([fallbackOf(view)], MAX_FALLBACK_TEXT),
    blocks: renderBlockList(view.blocks, MAX_BLOCKS_PER_MESSAGE),
  };
}
