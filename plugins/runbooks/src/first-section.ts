/** What the room sees of a runbook at most (the SDK's `Runbook.markdown` limit). */
export const MAX_SECTION_CHARS = 3000;
const MAX_TITLE = 200;

export interface Section {
  /** The heading's text, when the file has a heading. */
  readonly title?: string;
  readonly markdown: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The first section of a Markdown runbook: from its first ATX heading (`#`…`######`) to the next
 * heading of the same or a higher level, headings inside code fences ignored (Setext `===`
 * headings are not recognised). Without a heading, the text from the start.
 *
 * Kept: the Markdown as written, code blocks untouched. Removed outside code blocks: HTML comments
 * (often notes not meant for the room) and HTML tags (the host posts text; a tag would show as
 * noise), their inner text kept. Capped at 3000 characters on a line boundary, a cut code block
 * closed again, and `…` added.
 */
export function firstSection(text: string): Section {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | undefined;
  let start = -1;
  let level = 0;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = FENCE.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    const heading = HEADING.exec(line);
    if (!heading) continue;
    if (start < 0) {
      start = i;
      level = heading[1]!.length;
    } else if (heading[1]!.length <= level) {
      end = i;
      break;
    }
  }
  const title = start < 0 ? undefined : plainTitle(HEADING.exec(lines[start]!)![2] ?? '');
  const markdown = cap(withoutHtml(lines.slice(Math.max(0, start), end)).join('\n').replace(/\n{3,}/g, '\n\n').trim());
  return { ...(title ? { title } : {}), markdown };
}

/** HTML comments and tags removed outside code fences; fenced blocks kept byte for byte. */
function withoutHtml(lines: readonly string[]): string[] {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (prose.length) out.push(...stripHtml(prose.join('\n')).split('\n'));
    prose = [];
  };
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      if (!fence) flush();
      fence = fence ? undefined : marker;
      out.push(line);
    } else if (fence) out.push(line);
    else prose.push(line);
  }
  flush();
  return out;
}

function stripHtml(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
}

/** At most 3000 characters, cut after a whole line, with an open code block closed. */
function cap(markdown: string): string {
  if (markdown.length <= MAX_SECTION_CHARS) return markdown;
  const room = MAX_SECTION_CHARS - 8; // for "\n```\n…" at worst
  let cut = markdown.lastIndexOf('\n', room);
  if (cut < room / 2) cut = room;
  const kept = markdown.slice(0, cut).trimEnd();
  const openFence = kept.split('\n').filter((line) => FENCE.test(line)).length % 2 === 1;
  return `${kept}${openFence ? '\n```' : ''}\n…`;
}

function plainTitle(heading: string): string | undefined {
  const text = stripHtml(heading).replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_TITLE) : undefined;
}
