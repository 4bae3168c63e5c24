// The Markdown of Adaptive Card TextBlocks, made safe for a preview. The adaptivecards renderer puts a
// markdown processor's output into innerHTML, so this one escapes the whole text first and only then
// adds its own few tags (bold, italic, code, paragraphs): no markup an update contains can survive, and
// links are shown as their words without a target (a preview navigates nowhere).

const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';
const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? '');

/** CommonMark-style text (as the Teams renderer writes it) as HTML made only of our own tags and escaped text. */
export function safeCardMarkdown(text: string): string {
  // Backslash escapes (the Teams renderer's way of keeping `*`, `_`, `[` literal) become placeholders
  // first so no later rule can read them as markers; private-use characters typed by a user are dropped.
  const literal: string[] = [];
  const held = text.replace(/[\uE000\uE001]/g, '').replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => {
    literal.push(ch);
    return `${PLACEHOLDER_OPEN}${literal.length - 1}${PLACEHOLDER_CLOSE}`;
  });
  const inline = (s: string): string => escapeHtml(s)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])([*_])([^*_\n]+)\2(?=$|[\s).,!?:;])/g, '$1<em>$3</em>')
    .replace(/\[([^\]\n]+)\]\([^)\s]*\)/g, '<span class="preview-link">$1</span>')
    .replace(/\n/g, '<br>');
  const html = held.split(/\n{2,}/).map((p) => `<p>${inline(p)}</p>`).join('');
  return html.replace(new RegExp(`${PLACEHOLDER_OPEN}(\\d+)${PLACEHOLDER_CLOSE}`, 'g'), (_, i: string) => escapeHtml(literal[Number(i)] ?? ''));
}
