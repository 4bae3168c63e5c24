import type * as AdaptiveCardsModule from 'adaptivecards';
import { expect } from 'chai';
import MarkdownIt from 'markdown-it';
import { cardSize, MAX_CARD_BYTES } from './card-limits';
import type { AdaptiveCard, MentionEntity } from './card-types';

// The Node-loadable bundle (the package's lib/ build expects a browser); typed by the package's own declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

export interface CardProblem {
  readonly event: string;
  readonly message: string;
}

/** Every JSON object of the card, depth first, so checks can look at all elements wherever they sit. */
export function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsOf)];
}

/** Ids of the inputs that are Teams people pickers (Input.ChoiceSet searching graph.microsoft.com/users). */
function peoplePickerIds(card: AdaptiveCard): Set<string> {
  return new Set(objectsOf(card)
    .filter((o) => o.type === 'Input.ChoiceSet' && (o['choices.data'] as { dataset?: string } | undefined)?.dataset === 'graph.microsoft.com/users')
    .map((o) => String(o.id)));
}

/**
 * What the adaptivecards package reports for the card, parsed as 1.5: parse events and validation
 * failures together. Teams' people picker is the one documented Teams extension it does not know at
 * 1.5 ("choices.data", and an empty static choice list): those two events, and only on people
 * pickers, are not problems (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/people-picker).
 */
export function validationProblems(card: AdaptiveCard): CardProblem[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  const pickers = peoplePickerIds(card);
  return events
    .filter((e) => {
      const source = e.source as { id?: string; getJsonTypeName?: () => string } | undefined;
      const onPicker = source?.getJsonTypeName?.() === 'Input.ChoiceSet' && pickers.has(String(source.id));
      const pickerExtension = (e.event === AC.ValidationEvent.UnsupportedProperty && e.message.includes('"choices.data"'))
        || e.event === AC.ValidationEvent.CollectionCantBeEmpty;
      return !(onPicker && pickerExtension);
    })
    .map((e) => ({ event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message }));
}

/** Every TextBlock text of the card, ShowCards included. */
export const textsOf = (card: AdaptiveCard): string[] => objectsOf(card).filter((o) => o.type === 'TextBlock').map((o) => String(o.text));

const markdown = new MarkdownIt('commonmark', { html: true });
/** For finding markup: escapes and entities stay tokens of their own (text_join would fold both into plain text). */
const tokenizer = new MarkdownIt('commonmark', { html: true });
tokenizer.core.ruler.disable('text_join');
const INLINE_ALLOWED = new Set(['text', 'softbreak']);
const BLOCK_ALLOWED = new Set(['paragraph_open', 'paragraph_close', 'inline']);

/**
 * The markup a CommonMark parser finds in TextBlock markdown besides plain text and paragraphs
 * (`strong_open`, `link_open`, `html_inline`, `heading_open`, `entity`…), with `<at>` tags Teams
 * would read as mentions. Empty means the text shows literally.
 */
export function activeMarkup(text: string): string[] {
  const found: string[] = [];
  for (const token of tokenizer.parse(text, {})) {
    if (!BLOCK_ALLOWED.has(token.type)) found.push(token.type);
    for (const child of token.children ?? []) {
      if (child.type === 'text_special' && child.info === 'escape') continue;
      if (!INLINE_ALLOWED.has(child.type)) found.push(child.type === 'text_special' ? child.info : child.type);
    }
  }
  if (/<at>/i.test(text)) found.push('<at>');
  return found;
}

/** What a reader sees of TextBlock markdown: the text a CommonMark parser keeps, with whitespace collapsed. */
export function visibleText(text: string): string {
  const html = markdown.render(text);
  const plain = html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return collapse(plain);
}

/** For comparing: invisible joiners gone, every run of whitespace (no-break spaces too) one space. */
export const collapse = (text: string): string => text.replace(/\u2060/g, '').replace(/[\s\u00A0]+/g, ' ').trim();

/**
 * The checks every card must pass: no validation problem, version 1.5, within the size limit, and
 * mention entities that match the card both ways (each entity's text appears in a TextBlock, and every
 * `<at>` in the card is an entity's).
 */
export function expectTeamsCard(card: AdaptiveCard, name = 'card'): void {
  expect(card.type, name).to.equal('AdaptiveCard');
  expect(card.version, name).to.equal('1.5');
  expect(validationProblems(card), name).to.deep.equal([]);
  expect(cardSize(card), `${name} size`).to.be.at.most(MAX_CARD_BYTES);
  const entities: readonly MentionEntity[] = card.msteams?.entities ?? [];
  const texts = textsOf(card).join('\n');
  for (const entity of entities) expect(texts, `${name}: ${entity.text} is in the card`).to.include(entity.text);
  const ats = texts.match(/<at>[^<]*<\/at>/g) ?? [];
  expect(ats.every((at) => entities.some((e) => e.text === at)), `${name}: every <at> has an entity`).to.equal(true);
  expect(new Set(entities.map((e) => e.text)).size, `${name}: entity texts are distinct`).to.equal(entities.length);
}
