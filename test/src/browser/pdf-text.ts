/**
 * Reads a PDF that pdfkit wrote back into what a person would see: how many pages, and the text
 * drawn on them. Enough PDF for that and no more: objects, Flate streams, each font's ToUnicode map
 * (embedded fonts draw 2-byte glyph codes) or WinAnsi (the standard fonts), and the Tf / Tj / TJ
 * operators of the content streams. Link annotations are listed too, to check where links go.
 */
import { inflateSync } from 'node:zlib';

export interface PdfReading {
  readonly pages: number;
  /** Every text block on its own line, in drawing order. */
  readonly text: string;
  /** The URIs of the link annotations. */
  readonly links: readonly string[];
}

interface PdfObject { readonly dict: string; readonly stream?: Buffer }

export function readPdf(pdf: Buffer): PdfReading {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('Not a PDF: it does not start with %PDF-.');
  const objects = parseObjects(pdf);
  const fonts = new Map<string, (hex: string) => string>();
  for (const [, obj] of objects) {
    for (const m of obj.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(m[2]));
      if (!font || !/\/Type \/Font/.test(font.dict)) continue;
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
      fonts.set(m[1], cmap ? cidDecoder(cmap.toString('latin1')) : winAnsiDecoder);
    }
  }
  const lines: string[] = [];
  for (const [, obj] of objects) {
    const content = obj.stream?.toString('latin1');
    if (!content || !/ Tf\b/.test(content) || /begincmap/.test(content)) continue;
    let decode: (hex: string) => string = winAnsiDecoder;
    let line = '';
    for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\] TJ|<([0-9a-fA-F]*)> Tj|\bET\b/g)) {
      if (m[1]) decode = fonts.get(m[1]) ?? winAnsiDecoder;
      else if (m[2] !== undefined) line += [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decode(h[1])).join('');
      else if (m[3] !== undefined) line += decode(m[3]);
      else { lines.push(line); line = ''; }
    }
  }
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict)).length;
  const links = [...objects.values()].flatMap((o) => [...o.dict.matchAll(/\/URI \(((?:\\.|[^)])*)\)/g)].map((m) => m[1]));
  return { pages, text: lines.join('\n'), links };
}

/** Whitespace folded to single spaces, so text drawn in several runs or lines can be searched as one. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf('stream\n');
    if (at < 0) { objects.set(Number(m[1]), { dict: body }); continue; }
    const dict = body.slice(0, at);
    const bytes = Buffer.from(body.slice(at + 'stream\n'.length, body.lastIndexOf('\nendstream')), 'latin1');
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(bytes) : bytes });
  }
  return objects;
}

/** Windows-1252's 0x80-0x9f (the rest of WinAnsi is Latin-1); codes it leaves undefined stay as they are. */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsiDecoder = (hex: string): string =>
  [...Buffer.from(hex, 'hex')].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252[b - 0x80] : String.fromCharCode(b))).join('');

/** pdfkit's ToUnicode CMap: `<start> <end> [<utf16> <utf16> ...]` ranges over 2-byte codes. */
function cidDecoder(cmap: string): (hex: string) => string {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \[([^\]]*)\]/g)) {
    const start = parseInt(range[1], 16);
    [...range[3].matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((u, i) => {
      const units = u[1].trim().split(/\s+/).map((h) => parseInt(h, 16));
      map.set(start + i, String.fromCharCode(...units));
    });
  }
  return (hex) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
    return out;
  };
}
