// A Slack message (Block Kit JSON from the Slack adapter's renderer) drawn as simple HTML for a
// preview. Every piece of text goes into the page through textContent, never innerHTML, so whatever an
// update says stays text; buttons are drawn disabled (a preview decides nothing).

/** The parts of Block Kit the Slack renderer produces (header, section, context, divider, actions). */
interface TextObject { readonly type: 'plain_text' | 'mrkdwn'; readonly text: string }
interface SlackBlock {
  readonly type: string;
  readonly text?: TextObject;
  readonly fields?: readonly TextObject[];
  readonly elements?: readonly { readonly type: string; readonly text?: TextObject | string; readonly style?: string; readonly alt_text?: string }[];
}
export interface SlackMessageJson { readonly text: string; readonly blocks: readonly SlackBlock[] }

const EMOJI: Readonly<Record<string, string>> = {
  warning: '⚠️', white_check_mark: '✅', x: '❌', heavy_check_mark: '✔️', rotating_light: '🚨', memo: '📝', information_source: 'ℹ️',
};
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
};

/** Plain mrkdwn text (no markup left in it): entities decoded, known emoji codes shown as emoji, lines kept. */
function appendText(parent: Node, text: string): void {
  const decoded = text.replace(/&(amp|lt|gt);/g, (_, name: string) => ENTITIES[name] ?? '').replace(/:([a-z0-9_+-]+):/g, (code, name: string) => EMOJI[name] ?? code);
  decoded.split('\n').forEach((line, i) => {
    if (i > 0) parent.appendChild(el('br'));
    if (line) parent.appendChild(document.createTextNode(line));
  });
}

/** `<url|text>`, `<@U123>`, `<#C1|name>`, `<!here>`: shown as their words, never as live links. */
function appendAngle(parent: Node, inner: string): void {
  const [target = '', label] = inner.split('|', 2);
  const span = el('span', 'preview-link');
  if (target.startsWith('@')) span.className = 'preview-mention';
  const words = label ?? (target.startsWith('@') || target.startsWith('#') ? target : target.startsWith('!') ? `@${target.slice(1)}` : target);
  appendText(span, target.startsWith('#') && label ? `#${label}` : words);
  parent.appendChild(span);
}

/*
 * Slack formats `*bold*`, `_italic_` and `~strike~` only when the markers sit on a word boundary (the
 * renderer relies on that: it wraps typed markers in zero width joiners so they stay literal), so the
 * same rule is kept here: no letter, digit or joiner may touch a marker on its outer side.
 */
const OUT = '[\\p{L}\\p{N}\\u200D]';
// `*` is a regex metacharacter, `_` and `~` are not (and may not be escaped under the `u` flag).
const styled = (m: '*' | '_' | '~') => {
  const q = m === '*' ? '\\*' : m;
  return `(?<!${OUT})${q}(?![\\s${q}])([^${q}\\n]+?)(?<!\\s)${q}(?!${OUT})`;
};
const TOKEN = new RegExp(`<([^<>\\n]+)>|\`([^\`\\n]+)\`|${styled('*')}|${styled('_')}|${styled('~')}`, 'gu');

export function appendMrkdwn(parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    appendText(parent, text.slice(last, at));
    last = at + m[0].length;
    if (m[1] !== undefined) appendAngle(parent, m[1]);
    else if (m[2] !== undefined) { const code = el('code'); appendText(code, m[2]); parent.appendChild(code); }
    else {
      const node = el(m[3] !== undefined ? 'strong' : m[4] !== undefined ? 'em' : 's');
      appendMrkdwn(node, m[3] ?? m[4] ?? m[5] ?? '');
      parent.appendChild(node);
    }
  }
  appendText(parent, text.slice(last));
}

function textObject(parent: HTMLElement, t: TextObject | string | undefined): void {
  if (typeof t === 'string') appendText(parent, t);
  else if (t?.type === 'mrkdwn') appendMrkdwn(parent, t.text);
  else if (t) appendText(parent, t.text);
}

function block(b: SlackBlock): HTMLElement | undefined {
  switch (b.type) {
    case 'header': { const h = el('div', 'slack-header'); textObject(h, b.text); return h; }
    case 'section': {
      const s = el('div', 'slack-section');
      if (b.text) { const p = el('div'); textObject(p, b.text); s.appendChild(p); }
      if (b.fields?.length) {
        const grid = el('div', 'slack-fields');
        for (const f of b.fields) { const cell = el('div'); textObject(cell, f); grid.appendChild(cell); }
        s.appendChild(grid);
      }
      return s;
    }
    case 'context': {
      const c = el('div', 'slack-context');
      for (const e of b.elements ?? []) { const span = el('span'); textObject(span, e.type === 'image' ? e.alt_text : e.text as TextObject); c.appendChild(span); }
      return c;
    }
    case 'divider': return el('hr', 'slack-divider');
    case 'actions': {
      const a = el('div', 'slack-actions');
      for (const e of b.elements ?? []) {
        const button = el('button', `slack-button${e.style ? ` slack-${e.style === 'danger' ? 'danger' : 'primary'}` : ''}`);
        button.type = 'button';
        button.disabled = true;
        textObject(button, e.text);
        a.appendChild(button);
      }
      return a;
    }
    default: return undefined;
  }
}

/** The message as Slack would show it in a channel: the blocks, or the fallback text when it has none. */
export function renderSlackMessage(message: SlackMessageJson): HTMLElement {
  const root = el('div', 'slack-message');
  const drawn = message.blocks.map(block).filter((b): b is HTMLElement => b !== undefined);
  if (drawn.length) root.append(...drawn);
  else appendMrkdwn(root, message.text);
  return root;
}
