/**
 * Everything user-typed reaches the terminal through here. Control characters (C0 except newline,
 * DEL, C1) would let a title such as "\x1b]0;pwned\x07" or "\x1b[2J" retitle or wipe a responder's
 * terminal, and bidirectional overrides can make text read differently from what it is; both go.
 * ANSI styling is added by the renderer afterwards, never taken from the text.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Safe to print; keeps line breaks (paragraphs of an update or a summary). */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(CONTROL, '').replace(BIDI_CONTROLS, '');
}

/** Safe to print where one line is expected: labels, headers, buttons, prompts. */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/\s*\n\s*/g, ' ');
}
