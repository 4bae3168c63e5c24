import MarkdownIt from 'markdown-it';

/**
 * The one Markdown renderer of the dashboard, configured exactly like the editor's live preview
 * (packages/web/src/browser/postmortem-editor.ts): raw HTML off, so `<script>` or `<img onerror>` in a
 * section is shown as text; markdown-it's validateLink refuses javascript:, vbscript:, file: and
 * non-image data: links, which then stay plain text. Its output is the only HTML a page inserts
 * without Preact's escaping.
 */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const renderMarkdown = (source: string): string => markdown.render(source);
