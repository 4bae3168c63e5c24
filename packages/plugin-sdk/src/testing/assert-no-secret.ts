import { AssertionError } from 'node:assert';

/**
 * Fails when any of `secrets` appears anywhere in `value` (strings, errors with their message,
 * stack and cause, objects, arrays, maps, buffers): for tests that check logs, errors and answers.
 * The failure names the secret and where it was found, never the secret's value.
 */
export function assertNoSecretIn(value: unknown, secrets: readonly string[] | Readonly<Record<string, string>>): void {
  const named = Array.isArray(secrets) ? secrets.map((s, i) => [`secret #${i + 1}`, s] as const) : Object.entries(secrets);
  const wanted = named.filter(([, s]) => s.length > 0);
  const seen = new WeakSet<object>();
  const visit = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      for (const [name, secret] of wanted) {
        if (node.includes(secret)) throw new AssertionError({ message: `${name} appears in ${path}`, stackStartFn: assertNoSecretIn });
      }
      return;
    }
    if (node === null || typeof node !== 'object' || depth > 30 || seen.has(node)) return;
    seen.add(node);
    if (Buffer.isBuffer(node)) return visit(node.toString('utf8'), path, depth);
    if (node instanceof Error) {
      visit(node.message, `${path}.message`, depth + 1);
      visit(node.stack, `${path}.stack`, depth + 1);
      visit(node.cause, `${path}.cause`, depth + 1);
    }
    if (node instanceof Map) {
      for (const [k, v] of node) {
        visit(k, `${path} (a key)`, depth + 1);
        visit(v, `${path}.get(${JSON.stringify(String(k)).slice(0, 40)})`, depth + 1);
      }
      return;
    }
    if (node instanceof Set) {
      let i = 0;
      for (const v of node) visit(v, `${path} (set item ${i++})`, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      visit(k, `${path} (a key)`, depth + 1);
      visit(v, Array.isArray(node) ? `${path}[${k}]` : `${path}.${k}`, depth + 1);
    }
  };
  visit(value, 'the value', 0);
}
