/**
 * The wording of an unknown key, shared by muster.yaml and plugin configs: a typo is an error, not a
 * silently ignored setting, and the answer names the setting it most likely meant.
 */
export function notASetting(name: string, allowed: readonly string[] | undefined): string {
  if (!allowed?.length) return 'is not a setting';
  const hint = closest(name, allowed);
  return hint ? `is not a setting; did you mean "${hint}"? Allowed here: ${allowed.join(', ')}` : `is not a setting; allowed here: ${allowed.join(', ')}`;
}

/** The allowed key a typo most likely meant, when it is close enough to suggest. */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
