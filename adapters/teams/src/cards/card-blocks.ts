import type { Block, FormValues, RichText } from '@muster/core';
import { renderButtons } from './card-actions';
import { hintOf, renderInput, type InputBlock } from './card-inputs';
import { MAX_FIELD_LABEL_CHARS, MAX_FIELD_VALUE_CHARS, MAX_HEADER_CHARS, MAX_LIST_ITEM_CHARS, MAX_LIST_ITEMS, MAX_TEXT_CHARS, TRUNCATION_MARKER } from './card-limits';
import type { CardElement, TextBlock } from './card-types';
import { renderRichText } from './inline-text';
import type { MentionRegistry } from './mentions';
import { escapeMarkdown } from './teams-markdown';
import { truncatePlain } from '@muster/core';

/** One body element of a card, with the people it mentions, so a part left out takes its mentions along. */
export interface CardPart {
  readonly element: CardElement;
  readonly mentions: readonly string[];
  /** Kept however long the card gets: a form's inputs, the buttons that end a view. */
  readonly pinned?: boolean;
  /** How many things the part stands for when it is left out (a "… 950 more" line stands for 950). */
  readonly counts?: number;
}

export interface BlockContext {
  readonly registry: MentionRegistry;
  /** Set for forms: inputs are rendered (elsewhere an input has no submit button and is left out). */
  readonly form?: { readonly values: FormValues; readonly errors: Readonly<Record<string, string>> };
}

type Tone = NonNullable<Extract<Block, { type: 'text' }>['tone']>;
const TONE: Readonly<Record<Tone, Partial<TextBlock>>> = { normal: {}, muted: { isSubtle: true }, warning: { color: 'Warning' }, success: { color: 'Good' } };

const part = (element: CardElement, mentions: readonly string[] = [], pinned = false): CardPart => ({ element, mentions, ...(pinned ? { pinned } : {}) });

export function moreNotShown(count: number): CardPart {
  return { ...part({ type: 'TextBlock', text: `${TRUNCATION_MARKER} ${count} more ${count === 1 ? 'item' : 'items'} not shown`, wrap: true, isSubtle: true, size: 'Small' }), counts: count };
}

function richBlock(rich: RichText, ctx: BlockContext, max: number, style: Partial<TextBlock> = {}): CardPart | undefined {
  const { text, mentions } = renderRichText(rich, ctx.registry, max);
  return text.trim() === '' ? undefined : part({ type: 'TextBlock', text, wrap: true, ...style }, mentions);
}

function header(text: string): CardPart[] {
  const shown = text.trim();
  if (shown === '') return [];
  return [part({ type: 'TextBlock', text: escapeMarkdown(truncatePlain(shown, MAX_HEADER_CHARS)), wrap: true, style: 'heading', size: 'Large', weight: 'Bolder' })];
}

/** A field is a row of two columns, label and value, so a value can mention people (a FactSet could not). */
function fields(block: Extract<Block, { type: 'fields' }>, ctx: BlockContext): CardPart[] {
  return block.fields.map((field) => {
    const value = richBlock(field.value, ctx, MAX_FIELD_VALUE_CHARS) ?? part({ type: 'TextBlock', text: '—', wrap: true });
    const label: TextBlock = { type: 'TextBlock', text: escapeMarkdown(truncatePlain(field.label, MAX_FIELD_LABEL_CHARS)), wrap: true, weight: 'Bolder' };
    return part({
      type: 'ColumnSet', spacing: 'Small',
      columns: [{ type: 'Column', width: 2, items: [label] }, { type: 'Column', width: 3, items: [value.element] }],
    }, value.mentions);
  });
}

/** Each item its own TextBlock with a drawn bullet or number: a markdown list would break on the first line break inside an item. */
function list(block: Extract<Block, { type: 'list' }>, ctx: BlockContext): CardPart[] {
  const shown = block.items.slice(0, MAX_LIST_ITEMS);
  const items = shown.flatMap((item, i) => richBlock([block.ordered ? `${i + 1}. ` : '• ', ...item], ctx, MAX_LIST_ITEM_CHARS, { spacing: 'Small' }) ?? []);
  return block.items.length > shown.length ? [...items, moreNotShown(block.items.length - shown.length)] : items;
}

function input(block: InputBlock, ctx: BlockContext): CardPart[] {
  if (!ctx.form) return [];
  const element = renderInput(block, ctx.form.values[block.id]);
  if (!element) return [];
  const hint = hintOf(block);
  const error = ctx.form.errors[block.id];
  return [
    part(element, [], true),
    ...(hint ? [part({ type: 'TextBlock', text: escapeMarkdown(hint), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' }, [], true)] : []),
    ...(error ? [part({ type: 'TextBlock', text: escapeMarkdown(error), wrap: true, color: 'Attention', spacing: 'None' }, [], true)] : []),
  ];
}

/** One neutral block as zero or more card parts (fields, lists and long button rows take several). */
export function renderBlock(block: Block, ctx: BlockContext): CardPart[] {
  switch (block.type) {
    case 'header':
      return header(block.text);
    case 'text':
      return [richBlock(block.text, ctx, MAX_TEXT_CHARS, TONE[block.tone ?? 'normal'])].filter((p) => p !== undefined);
    case 'context':
      return [richBlock(block.text, ctx, MAX_TEXT_CHARS, { isSubtle: true, size: 'Small' })].filter((p) => p !== undefined);
    case 'fields':
      return fields(block, ctx);
    case 'list':
      return list(block, ctx);
    case 'divider':
      return [];
    case 'actions': {
      const { sets, omitted } = renderButtons(block.buttons);
      return [...sets.map((set) => part(set)), ...(omitted > 0 ? [moreNotShown(omitted)] : [])];
    }
    case 'input':
      return input(block, ctx);
  }
}

/** All blocks as parts; a divider becomes a separator line above whatever follows it. */
export function renderBlocks(blocks: readonly Block[], ctx: BlockContext): CardPart[] {
  const parts: CardPart[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = parts.length > 0;
      continue;
    }
    const rendered = renderBlock(block, ctx);
    if (separate && rendered[0]) rendered[0] = { ...rendered[0], element: { ...rendered[0].element, separator: true, spacing: 'Medium' } };
    if (rendered.length > 0) separate = false;
    parts.push(...rendered);
  }
  return parts;
}
