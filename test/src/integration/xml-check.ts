/**
 * A strict, small XML 1.0 reader for the feed tests (no XML dependency in the project): it parses the
 * subset a generated feed uses (declaration, elements, attributes in quotes, text, the five named
 * entities and character references) and throws on anything a real parser would reject: a stray `<`
 * or `&`, an unknown entity, a CDATA section or comment we never write, mismatched or unclosed tags,
 * a character XML forbids. What it returns is the element tree with text decoded.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The decoded text directly inside the element. */
  readonly text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`a raw "<" at ${where}`);
  return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`a bare "&" at ${where}`);
    if (ENTITIES[ref]) return ENTITIES[ref];
    const num = /^#x([0-9A-Fa-f]+)$/.exec(ref) ?? /^#([0-9]+)$/.exec(ref);
    if (!num) throw new Error(`an unknown entity &${ref}; at ${where}`);
    const ch = String.fromCodePoint(parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10));
    if (FORBIDDEN.test(ch)) throw new Error(`a reference to a forbidden character at ${where}`);
    return ch;
  });
}

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('a character XML 1.0 forbids');
  let at = 0;
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/i.exec(xml);
  if (decl) at = decl[0].length;
  const stack: { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }[] = [];
  let root: XmlElement | undefined;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt < 0 ? xml.length : lt);
    if (text) {
      const decoded = decode(text, at);
      if (stack.length) stack[stack.length - 1]!.text += decoded;
      else if (decoded.trim()) throw new Error(`text outside the root element at ${at}`);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!', lt) || xml.startsWith('<?', lt)) throw new Error(`a comment, CDATA or instruction at ${lt}`);
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`an unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes ${open?.name ?? 'nothing'} at ${lt}`);
      const done: XmlElement = open;
      if (stack.length) stack[stack.length - 1]!.children.push(done);
      else root = done;
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const name = NAME.exec(body)?.[0];
      if (!name) throw new Error(`a tag without a valid name at ${lt}`);
      const attributes: Record<string, string> = {};
      let rest = body.slice(name.length);
      while (rest.trim()) {
        const attr = /^\s+([A-Za-z_][A-Za-z0-9._:-]*)="([^"]*)"/.exec(rest);
        if (!attr) throw new Error(`a malformed attribute in <${name}> at ${lt}`);
        if (attributes[attr[1]!] !== undefined) throw new Error(`attribute ${attr[1]} twice at ${lt}`);
        attributes[attr[1]!] = decode(attr[2]!, lt);
        rest = rest.slice(attr[0].length);
      }
      if (root) throw new Error(`a second root element at ${lt}`);
      const element = { name, attributes, children: [] as XmlElement[], text: '' };
      if (selfClosing) {
        if (stack.length) stack[stack.length - 1]!.children.push(element);
        else root = element;
      } else stack.push(element);
    }
    at = gt + 1;
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** The children of `element` named `name`. */
export const childrenNamed = (element: XmlElement, name: string): XmlElement[] => element.children.filter((c) => c.name === name);
export const childText = (element: XmlElement, name: string): string | undefined => childrenNamed(element, name)[0]?.text;
