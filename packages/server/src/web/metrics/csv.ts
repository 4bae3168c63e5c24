/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field holding a comma, quote, CR or LF is quoted, its
 * quotes doubled), with one addition for spreadsheets: a text field starting with `=`, `+`, `-`, `@`,
 * a tab or a CR would be run as a formula by Excel, LibreOffice and Google Sheets (a service named
 * `=HYPERLINK(...)` becomes a link to anywhere), so it is written with a leading `'`, which they
 * show as text. Numbers are ours, never typed by a person, and are written as they are.
 */
export type CsvCell = string | number | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
