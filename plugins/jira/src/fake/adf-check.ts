/**
 * What Jira Cloud checks of an Atlassian Document Format description (developer.atlassian.com,
 * "Atlassian Document Format", node and mark reference), for the nodes Muster writes and a few
 * more: a `doc` of version 1, block nodes holding inline nodes, text nodes never empty, link marks
 * with an `href`. Returns what is wrong, or undefined for a valid document.
 */
export function adfProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.type !== 'doc' || value.version !== 1) return 'the description must be an Atlassian Document: { type: "doc", version: 1, content: [...] }';
  if (!Array.isArray(value.content)) return 'doc.content must be an array';
  for (const [i, node] of value.content.entries()) {
    const problem = blockProblem(node, `doc.content[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

const BLOCKS = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'rule', 'blockquote']);
const MARKS = new Set(['strong', 'em', 'code', 'link', 'strike', 'underline']);

function blockProblem(node: unknown, path: string): string | undefined {
  if (!isObject(node) || typeof node.type !== 'string' || !BLOCKS.has(node.type)) return `${path} is not a block node ADF knows`;
  if (node.content === undefined) return undefined;
  if (!Array.isArray(node.content)) return `${path}.content must be an array`;
  const nested = node.type === 'bulletList' || node.type === 'orderedList' || node.type === 'listItem' || node.type === 'blockquote';
  for (const [i, child] of node.content.entries()) {
    const problem = nested ? blockProblem(child, `${path}.content[${i}]`) : inlineProblem(child, `${path}.content[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function inlineProblem(node: unknown, path: string): string | undefined {
  if (!isObject(node)) return `${path} is not a node`;
  if (node.type === 'hardBreak') return undefined;
  if (node.type !== 'text') return `${path} is not an inline node ADF knows`;
  if (typeof node.text !== 'string' || node.text.length === 0) return `${path}: a text node must have non-empty text`;
  if (node.marks === undefined) return undefined;
  if (!Array.isArray(node.marks)) return `${path}.marks must be an array`;
  for (const mark of node.marks) {
    if (!isObject(mark) || typeof mark.type !== 'string' || !MARKS.has(mark.type)) return `${path} has a mark ADF does not know`;
    if (mark.type === 'link' && !(isObject(mark.attrs) && typeof mark.attrs.href === 'string' && mark.attrs.href)) return `${path}: a link mark needs attrs.href`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
