/**
 * What a person reads on an Adaptive Card: the text of its TextBlocks (Teams markdown, rendered and
 * unescaped) and RichTextBlocks (plain text runs), in reading order, hidden elements left out. For
 * asserting on real cards from `renderCard` without depending on how the renderer escapes.
 */
import MarkdownIt from 'markdown-it';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** CommonMark as Teams' clients read TextBlock markdown, with `<at>` mention tags as inline HTML. */
const markdown = new MarkdownIt('commonmark', { html: true });
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** TextBlock markdown as shown: formatting and escapes gone, mention tags shown as the name, a line per paragraph. */
export function shownMarkdown(text: string): string {
  const html = markdown.render(text).replace(/<\/p>\s*<p>|<br\s*\/?>/g, '\n');
  return html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity]!)
    .replace(/\u2060/g, '').replace(/\u00A0/g, ' ').split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
}

/** The lines a card shows, one per text element (a paragraph break inside one adds a line). */
export function cardLines(card: unknown): string[] {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node) || node.isVisible === false) return;
    if (node.type === 'TextBlock' && typeof node.text === 'string') {
      const shown = shownMarkdown(node.text);
      if (shown) lines.push(...shown.split('\n'));
      return;
    }
    if (node.type === 'RichTextBlock' && Array.isArray(node.inlines)) {
      const shown = node.inlines.map((run) => (typeof run === 'string' ? run : isObject(run) && typeof run.text === 'string' ? run.text : '')).join('').trim();
      if (shown) lines.push(shown);
      return;
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return lines;
}

/** The text a posted activity's cards show, a line each. */
export function shownText(activity: Record<string, unknown>): string {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  return attachments.flatMap((a) => (isObject(a) ? cardLines(a.content) : [])).join('\n');
}
