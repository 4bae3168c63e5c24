/**
 * Terminal styling, or none: colours only when the output is a terminal (the server passes
 * `output.isTTY`), so piped transcripts and tests read as plain text.
 */
export interface Styles {
  bold(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  muted(text: string): string;
  code(text: string): string;
  mention(text: string): string;
  warning(text: string): string;
  success(text: string): string;
  danger(text: string): string;
}

const PLAIN: Styles = {
  bold: (t) => t, italic: (t) => t, underline: (t) => t, muted: (t) => t, code: (t) => t,
  mention: (t) => t, warning: (t) => t, success: (t) => t, danger: (t) => t,
};

const sgr = (open: number, close: number) => (text: string) => (text ? `\x1b[${open}m${text}\x1b[${close}m` : text);

const ANSI: Styles = {
  bold: sgr(1, 22),
  italic: sgr(3, 23),
  underline: sgr(4, 24),
  muted: sgr(2, 22),
  code: sgr(36, 39),
  mention: sgr(34, 39),
  warning: sgr(33, 39),
  success: sgr(32, 39),
  danger: sgr(31, 39),
};

export const stylesFor = (color: boolean): Styles => (color ? ANSI : PLAIN);
