import type PDFKitDocument from 'pdfkit';
import type MarkdownIt from 'markdown-it';
import { markdown } from './postmortem-markdown';

type Token = MarkdownIt.Token;
import { pdfFonts, type PdfFontSet } from './pdf-fonts';

export interface PdfMeta {
  /** `INC-42`, for the footer and the document's title. */
  readonly reference: string;
  readonly title: string;
  /** Fixed in tests, so two renders of one document are byte-identical. */
  readonly createdAt?: Date;
}

interface Run {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly code: boolean;
  readonly link?: string;
}

const SIZES: Record<string, number> = { h1: 18, h2: 14, h3: 12, h4: 11, h5: 11, h6: 11 };
const BODY = 10;
const INDENT = 14;
const MARGIN = 56;
const FACES = ['regular', 'bold', 'italic', 'mono'] as const;
type Face = (typeof FACES)[number];

/** What `doc.font()` is given for a face: the registered alias of an embedded font, a standard font's own name. */
const faceKey = (fonts: PdfFontSet, face: Face): string => {
  const f = fonts.faces[face];
  return typeof f === 'string' ? f : face;
};

/**
 * The postmortem PDF, drawn from the same Markdown the .md export and the page show (markdown-it's
 * tokens, so the two never read the document differently): headings, paragraphs, lists (the
 * timeline is one), the facts table as label/value lines, quotes and code. Text flows onto new pages
 * by itself, so a timeline of thousands of entries paginates; each page is numbered in its footer.
 */
export async function postmortemPdf(source: string, meta: PdfMeta, fonts: PdfFontSet = pdfFonts()): Promise<Buffer> {
  // Loaded on the first export, not at start: pdfkit and its font machinery are the heaviest module
  // the server would otherwise load, and every `muster` command and every start would pay for it.
  const PDFDocument = (await import('pdfkit')).default as typeof PDFKitDocument;
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: `Postmortem ${meta.reference}: ${meta.title}`.slice(0, 500), Creator: 'Muster', CreationDate: meta.createdAt ?? new Date() },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // A standard font is used by its own name: pdfkit re-reads its metrics on every switch to an alias of it.
  for (const face of FACES) if (typeof fonts.faces[face] !== 'string') doc.registerFont(face, fonts.faces[face]);
  new BlockWriter(doc, fonts).write(markdown.parse(source, {}));
  footers(doc, fonts, meta.reference);
  doc.end();
  return done;
}

/** Walks the block tokens, keeping the nesting (lists, quotes, tables) that decides indentation. */
class BlockWriter {
  private readonly lists: { ordered: boolean; next: number }[] = [];
  private quote = 0;
  private heading?: string;
  private pendingMarker?: string;
  private row?: string[];
  private cell?: Run[];
  private headerRow = false;

  constructor(private readonly doc: PDFKit.PDFDocument, private readonly fonts: PdfFontSet) {}

  write(tokens: readonly Token[]): void {
    for (const t of tokens) this.token(t);
  }

  private token(t: Token): void {
    switch (t.type) {
      case 'heading_open': this.heading = t.tag; this.doc.moveDown(t.tag === 'h1' ? 0 : 0.6); break;
      case 'heading_close': this.heading = undefined; this.doc.moveDown(0.3); break;
      case 'paragraph_close': if (!this.lists.length) this.doc.moveDown(0.5); break;
      case 'bullet_list_open': this.lists.push({ ordered: false, next: 1 }); break;
      case 'ordered_list_open': this.lists.push({ ordered: true, next: Number(t.attrGet('start') ?? 1) }); break;
      case 'bullet_list_close': case 'ordered_list_close': this.lists.pop(); if (!this.lists.length) this.doc.moveDown(0.5); break;
      case 'list_item_open': {
        const list = this.lists[this.lists.length - 1];
        this.pendingMarker = list?.ordered ? `${list.next++}. ` : '• ';
        break;
      }
      case 'blockquote_open': this.quote++; break;
      case 'blockquote_close': this.quote--; break;
      case 'thead_open': this.headerRow = true; break;
      case 'thead_close': this.headerRow = false; break;
      case 'tr_open': this.row = []; break;
      case 'th_open': case 'td_open': this.cell = []; break;
      case 'th_close': case 'td_close': this.row?.push(this.cell?.map((r) => r.text).join('').trim() ?? ''); this.cell = undefined; break;
      case 'tr_close': this.tableRow(this.row ?? []); this.row = undefined; break;
      case 'table_close': this.doc.moveDown(0.5); break;
      case 'hr': this.doc.moveDown(0.5); break;
      case 'code_block': case 'fence': this.paragraph([{ text: t.content.replace(/\n$/, ''), bold: false, italic: false, code: true }], BODY - 1); this.doc.moveDown(0.5); break;
      case 'inline': {
        const runs = inlineRuns(t.children ?? []);
        if (this.cell) this.cell.push(...runs);
        else this.paragraph(runs, this.heading ? SIZES[this.heading] : BODY, !!this.heading);
        break;
      }
      default: break;
    }
  }

  /** The facts table's rows (`| Severity | SEV2 |`) as "Severity: SEV2"; an empty header row is skipped. */
  private tableRow(cells: string[]): void {
    if (this.headerRow && cells.every((c) => !c)) return;
    const [label, ...rest] = cells;
    const runs: Run[] = rest.length
      ? [{ text: `${label}: `, bold: true, italic: false, code: false }, { text: rest.join(' · '), bold: false, italic: false, code: false }]
      : [{ text: label ?? '', bold: this.headerRow, italic: false, code: false }];
    this.paragraph(runs, BODY);
  }

  private paragraph(runs: Run[], size: number, heading = false): void {
    const doc = this.doc;
    const marker = this.pendingMarker;
    this.pendingMarker = undefined;
    const depth = Math.max(0, this.lists.length - 1) + this.quote;
    const left = MARGIN + depth * INDENT + (marker || this.lists.length ? INDENT : 0);
    const all = [...(marker ? [{ text: marker, bold: false, italic: false, code: false }] : []), ...runs].filter((r) => r.text);
    if (!all.length) return;
    const width = doc.page.width - MARGIN - left;
    doc.x = left;
    doc.fillColor(this.quote ? '#555555' : '#000000');
    all.forEach((r, i) => {
      doc.font(faceKey(this.fonts, r.code ? 'mono' : heading || r.bold ? 'bold' : r.italic ? 'italic' : 'regular')).fontSize(r.code ? size - 1 : size);
      const options: PDFKit.Mixins.TextOptions = {
        width, continued: i < all.length - 1, lineGap: 1.5,
        ...(r.link ? { link: r.link, underline: true } : { link: null, underline: false }),
      };
      // Only the first run is placed; passing `undefined` for x would make pdfkit drop the options.
      if (i === 0) doc.text(this.fonts.fit(r.text), left, doc.y, options);
      else doc.text(this.fonts.fit(r.text), options);
    });
    doc.x = MARGIN;
  }
}

/** Inline tokens as runs of one style; images become their alt text, breaks become spaces or newlines. */
function inlineRuns(children: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  const push = (text: string, code = false) => runs.push({ text, bold: bold > 0, italic: italic > 0, code, ...(link && { link }) });
  for (const c of children) {
    switch (c.type) {
      case 'text': push(c.content); break;
      case 'code_inline': push(c.content, true); break;
      case 'softbreak': push(' '); break;
      case 'hardbreak': push('\n'); break;
      case 'strong_open': bold++; break;
      case 'strong_close': bold--; break;
      case 'em_open': italic++; break;
      case 'em_close': italic--; break;
      // markdown-it's validateLink already refused javascript: and the like; only web and mail links are made clickable.
      case 'link_open': { const href = c.attrGet('href') ?? ''; link = /^(https?:|mailto:)/i.test(href) ? href : undefined; break; }
      case 'link_close': link = undefined; break;
      case 'image': push(`[image: ${c.content}]`); break;
      default: if (c.content) push(c.content); break;
    }
  }
  return runs;
}

/** "INC-42 postmortem · page 3 of 12" under every page, drawn after the text so the count is known. */
function footers(doc: PDFKit.PDFDocument, fonts: PdfFontSet, reference: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin would otherwise start a new page
    doc.font(faceKey(fonts, 'regular')).fontSize(8).fillColor('#555555')
      .text(fonts.fit(`${reference} postmortem · page ${i + 1} of ${range.count}`), MARGIN, doc.page.height - bottom + 16, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
