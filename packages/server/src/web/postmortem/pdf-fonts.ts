import { existsSync, readFileSync } from 'node:fs';

/** The four faces a postmortem PDF uses: registered under these names on each document. */
export interface PdfFaces {
  readonly regular: string | Buffer;
  readonly bold: string | Buffer;
  readonly italic: string | Buffer;
  readonly mono: string | Buffer;
}

export interface PdfFontSet {
  /** `embedded`: a TrueType family covering Latin, Latin Extended, Greek and Cyrillic; `standard`: PDF's Helvetica (WinAnsi, Latin-1 only). */
  readonly kind: 'embedded' | 'standard';
  readonly name: string;
  readonly faces: PdfFaces;
  /** Makes text drawable with these fonts: identity for an embedded font (missing glyphs show as a box). */
  readonly fit: (text: string) => string;
}

/**
 * Families looked for on the machine, best first: Debian's fonts-dejavu-core and fonts-liberation2
 * (the Docker image and CI have them). No font ships with Muster (a licence and 700 KB per face), so
 * without these the PDF falls back to the standard Helvetica, which PDF viewers always have but which
 * encodes only WinAnsi (Latin-1 and a few typographic marks): anything else becomes "?", never a crash
 * or garbled bytes.
 */
const FAMILIES: readonly { name: string; dir: string; files: Record<keyof PdfFaces, string> }[] = [
  { name: 'DejaVu Sans', dir: '/usr/share/fonts/truetype/dejavu', files: { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf', mono: 'DejaVuSansMono.ttf' } },
  { name: 'Liberation Sans', dir: '/usr/share/fonts/truetype/liberation', files: { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf', italic: 'LiberationSans-Italic.ttf', mono: 'LiberationMono-Regular.ttf' } },
];

export const STANDARD_FONTS: PdfFontSet = {
  kind: 'standard', name: 'Helvetica',
  faces: { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' },
  fit: (text) => toWinAnsi(text),
};

let found: PdfFontSet | undefined;

/** The best family on this machine, read once and kept in memory (each PDF embeds a subset of it). */
export function pdfFonts(): PdfFontSet {
  if (found) return found;
  for (const family of FAMILIES) {
    const paths = Object.values(family.files).map((f) => `${family.dir}/${f}`);
    if (!paths.every((p) => existsSync(p))) continue;
    try {
      const [regular, bold, italic, mono] = paths.map((p) => readFileSync(p));
      found = { kind: 'embedded', name: family.name, faces: { regular, bold, italic, mono }, fit: (text) => text };
      return found;
    } catch {
      // Unreadable: try the next family.
    }
  }
  found = STANDARD_FONTS;
  return found;
}

/** The characters of Windows-1252 above 0x7f that are not Latin-1 (what the standard fonts can show besides Latin-1). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** One "?" per character the standard fonts cannot encode (an emoji is one character, not two). */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || WIN_ANSI_EXTRA.has(ch) ? ch : code === 0x09 ? ' ' : '?';
  }
  return out;
}
