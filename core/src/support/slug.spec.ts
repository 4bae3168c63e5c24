import { expect } from 'chai';
import fc from 'fast-check';
import { slugify } from './slug';

/** Slack's channel rules and the console's room rules, as each adapter passes them. */
const SLACK = { maxLength: 80, underscores: true } as const;
const CONSOLE = { maxLength: 80, underscores: true, dashRuns: true } as const;

describe('slugify', () => {
  it('makes a readable name from a title (Slack rules)', () => {
    expect(slugify('INC-42 Checkout DB is DOWN!!', SLACK)).to.equal('inc-42-checkout-db-is-down');
    expect(slugify('Café  —  Zürich / payments_api', SLACK)).to.equal('cafe-zurich-payments_api');
    expect(slugify('--a---b--', SLACK)).to.equal('a-b');
  });

  it('drops underscores unless asked to keep them', () => {
    expect(slugify('payments_api Down', { maxLength: 60 })).to.equal('payments-api-down');
  });

  it('keeps the dashes a console room name already has, and turns a leading # into nothing', () => {
    expect(slugify('#ops--alerts', CONSOLE)).to.equal('ops--alerts');
    expect(slugify('--a---b--', CONSOLE)).to.equal('a---b');
    expect(slugify('Café — Zürich', CONSOLE)).to.equal('cafe-zurich');
    expect(slugify('db - api', CONSOLE)).to.equal('db---api');
    expect(slugify('inc-1-checkout-errors', CONSOLE)).to.equal('inc-1-checkout-errors');
  });

  it('is empty when nothing usable is left, so the caller picks its fallback', () => {
    for (const text of ['', '   ', '🔥🔥', '!!!', '---', '日本語', '#']) expect(slugify(text, CONSOLE), text).to.equal('');
  });

  it('cuts at the limit without leaving a dash at the end', () => {
    expect(slugify(`${'a'.repeat(59)} b`, { maxLength: 60 })).to.equal('a'.repeat(59));
    expect(slugify('x'.repeat(100), SLACK)).to.equal('x'.repeat(80));
  });

  it('gives a name within the limit, of allowed characters, with no dash at either end, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 80 }), (text, maxLength) => {
      const slug = slugify(text, { maxLength, underscores: true, dashRuns: true });
      return slug.length <= maxLength && /^[a-z0-9_-]*$/.test(slug) && !slug.startsWith('-') && !slug.endsWith('-');
    }));
  });
});
