import { expect } from 'chai';
import { pdfFonts, postmortemPdf, STANDARD_FONTS, toWinAnsi } from '@muster/server';
import { flat, readPdf } from '../browser/pdf-text';

const META = { reference: 'INC-7', title: 'Checkout errors', createdAt: new Date('2026-01-01T00:00:00Z') };

/** A postmortem shaped like core's renderPostmortemMarkdown: facts table, sections, a long timeline. */
function document(entries: number, extra = ''): string {
  return [
    '# Postmortem: INC-7 Checkout errors', '',
    '| | |', '|---|---|', '| Severity | SEV2 |', '| Time to resolve | 42m |', '',
    '## Summary _(from the timeline)_', '', `Payments **failed** for *twelve* minutes. ${extra}`, '',
    '## Timeline', '', '_All times UTC._', '',
    ...Array.from({ length: entries }, (_, i) => `- \`2026-01-01 00:${String(i % 60).padStart(2, '0')}Z\` **note** alice: timeline entry number ${i}`),
    '',
  ].join('\n');
}

describe('postmortem PDF (pdfkit, from the document\'s Markdown)', () => {
  it('draws the facts, the sections and the timeline as text a reader can find, with page numbers', async () => {
    const pdf = readPdf(await postmortemPdf(document(3), META));
    const text = flat(pdf.text);
    expect(pdf.pages).to.equal(1);
    expect(text).to.include('Postmortem: INC-7 Checkout errors');
    expect(text).to.include('Severity: SEV2');
    expect(text).to.include('Time to resolve: 42m');
    expect(text).to.include('Payments failed for twelve minutes.');
    expect(text).to.include('timeline entry number 2');
    expect(text).to.include('INC-7 postmortem · page 1 of 1');
  });

  it('paginates a timeline of hundreds of entries, every entry on some page and each page numbered', async () => {
    const pdf = readPdf(await postmortemPdf(document(600), META));
    expect(pdf.pages).to.be.greaterThan(10);
    const text = flat(pdf.text);
    for (const n of [0, 299, 599]) expect(text).to.include(`timeline entry number ${n} `);
    expect(text).to.include(`page ${pdf.pages} of ${pdf.pages}`);
    expect(text).to.not.include(`page ${pdf.pages + 1} of`);
  });

  it('keeps Latin Extended, Greek and Cyrillic with the embedded font, and neither emoji nor CJK crash it', async function () {
    const fonts = pdfFonts();
    if (fonts.kind !== 'embedded') this.skip(); // no DejaVu or Liberation on this machine: the fallback below covers it
    const pdf = readPdf(await postmortemPdf(document(1, 'Łódź Ærøskøbing Ωμέγα Привет 🔥 漢字 ⭐'), META, fonts));
    expect(flat(pdf.text)).to.include('Łódź Ærøskøbing Ωμέγα Привет');
  });

  it('falls back to the standard Helvetica with "?" for what WinAnsi cannot encode, never garbled bytes', async () => {
    const pdf = readPdf(await postmortemPdf(document(1, 'Café “quoted” — Łódź 🔥 漢字'), META, STANDARD_FONTS));
    const text = flat(pdf.text);
    expect(text).to.include('Café “quoted” — ?ód? ? ??');
    expect(toWinAnsi('a🔥b\tc')).to.equal('a?b c');
  });

  it('makes only web and mail links clickable: a javascript: link stays text without a link annotation', async () => {
    const pdf = readPdf(await postmortemPdf(document(1, '[runbook](https://runbooks.example/checkout) [x](javascript:alert(1)) <script>alert(2)</script>'), META));
    expect(pdf.links).to.deep.equal(['https://runbooks.example/checkout']);
    expect(flat(pdf.text)).to.include('[x](javascript:alert(1))');
  });
});
