import MarkdownIt from 'markdown-it';

/**
 * The one Markdown renderer of the dashboard, configured exactly like the editor's live preview
 * (packages/web/src/browser/postmortem-editor.ts): raw HTML off, so `<script>` or `<img onerror>` in a
 * section is shown as text; markdown-it's validateLink refuses javascript:, vbscript:, file: and
 * non-image data: links, which then stay plain text. Its output is the only HTML a page inserts
 * without Preact's escaping.
 */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * `headingOffset` moves headings down (`# Postmortem` is an h3 under the page's h1 and h2), so the
 * page keeps one h1 and an outline a screen reader can follow.
 */
export function renderMarkdown(source: string, headingOffset = 0): string {
  const tokens = markdown.parse(source, {});
  if (headingOffset) {
    for (const t of tokens) {
      if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + headingOffset)}`;
    }
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}
