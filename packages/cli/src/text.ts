/** For echoing untrusted text (input, names, stored reasons): no control characters (a terminal would run escapes), and short. */
export function printable(text: string, max = 60): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** Columns padded to their widest cell, two spaces apart (so `split(/\s{2,}/)` reads a row back); the last is not padded. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** `2026-12-01 16:30Z`, or `none` without a date. */
export const minute = (date: Date | undefined, none = '-'): string => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')}Z` : none);
