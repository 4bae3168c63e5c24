import type { Block, Inline, PersonRef } from '@muster/core';
import fc from 'fast-check';
import { activeMarkup, expectTeamsCard, textsOf } from './card-checks.spec-helper';
import { expect } from 'chai';
import { renderCard } from './render-card';
import { HOSTILE } from './view-fixtures.spec-helper';

const words = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ maxLength: 3000 }));
const person: fc.Arbitrary<PersonRef> = fc.record({
  platform: fc.constantFrom('teams' as const, 'slack' as const, 'console' as const),
  id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
  name: fc.option(words, { nil: undefined }),
}, { requiredKeys: ['platform', 'id'] });
const inline: fc.Arbitrary<Inline> = fc.oneof(
  words, words.map((bold) => ({ bold })), words.map((italic) => ({ italic })), words.map((code) => ({ code })),
  fc.record({ url: fc.oneof(fc.webUrl(), words), text: words }).map((link) => ({ link })), person.map((mention) => ({ mention })),
);
const rich = fc.array(inline, { maxLength: 6 });
const button = fc.record({ actionId: fc.constantFrom('incident.ack', 'update.approve', 'x y'), label: words, value: fc.string({ maxLength: 2100 }), style: fc.constantFrom(undefined, 'primary' as const, 'danger' as const), confirm: fc.option(words, { nil: undefined }) });
const block: fc.Arbitrary<Block> = fc.oneof(
  words.map((text) => ({ type: 'header' as const, text })),
  fc.record({ text: rich, tone: fc.constantFrom('normal' as const, 'muted' as const, 'warning' as const, 'success' as const) }).map((b) => ({ type: 'text' as const, ...b })),
  fc.array(fc.record({ label: words, value: rich }), { maxLength: 12 }).map((fields) => ({ type: 'fields' as const, fields })),
  fc.record({ items: fc.array(rich, { maxLength: 80 }), ordered: fc.boolean() }).map((b) => ({ type: 'list' as const, ...b })),
  rich.map((text) => ({ type: 'context' as const, text })),
  fc.constant({ type: 'divider' as const }),
  fc.array(button, { maxLength: 12 }).map((buttons) => ({ type: 'actions' as const, buttons })),
);

describe('renderCard on any view (property)', () => {
  it('always yields a valid card within the limit, whose mentions match its text', () => {
    fc.assert(fc.property(fc.array(block, { maxLength: 40 }), words, (blocks, fallback) => {
      expectTeamsCard(renderCard({ fallback, blocks }));
    }), { numRuns: 60 });
  });

  it('never lets plain text become markup', () => {
    fc.assert(fc.property(fc.array(words, { minLength: 1, maxLength: 5 }), (strings) => {
      const card = renderCard({ fallback: '', blocks: strings.map((s) => ({ type: 'text' as const, text: [s] })) });
      expect(textsOf(card).flatMap(activeMarkup)).to.deep.equal([]);
    }), { numRuns: 200 });
  });
});
