/**
 * Where a server's CPU went, from a V8 CPU profile: self time by package (node_modules package or
 * Muster workspace), by layer (HTTP + Bolt transport, core, store + driver, logging, GC), and the
 * hottest functions. Self time only: inclusive time by package would count Bolt for everything our
 * listeners do inside it.
 */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame; readonly children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

interface CallFrame { readonly functionName: string; readonly url: string; readonly lineNumber: number }

export interface ProfileSummary {
  /** Wall time covered by the profile (ms). */
  readonly wallMs: number;
  /** CPU time that was not idle (ms). */
  readonly busyMs: number;
  /** Share of busy time (percent) per package and per layer, largest first. */
  readonly packages: readonly (readonly [string, number])[];
  readonly layers: readonly (readonly [string, number])[];
  readonly topFunctions: readonly (readonly [string, number])[];
}

const WORKSPACES: readonly (readonly [RegExp, string])[] = [
  [/\/core\/dist\//, '@muster/core'], [/\/packages\/store\/dist\//, '@muster/store'], [/\/adapters\/slack\/dist\//, '@muster/slack'], [/\/adapters\/teams\/dist\//, '@muster/teams'],
  [/\/packages\/server\/dist\//, '@muster/server'], [/\/packages\/summarizer\/dist\//, '@muster/summarizer'], [/\/bench\/dist\//, 'bench harness'],
];

const LAYERS: Record<string, string> = {
  '@slack/bolt': 'HTTP + Bolt transport', '@slack/web-api': 'HTTP + Bolt transport', '@slack/oauth': 'HTTP + Bolt transport', 'raw-body': 'HTTP + Bolt transport',
  tsscmp: 'HTTP + Bolt transport', '@muster/slack': 'HTTP + Bolt transport', '@muster/server': 'HTTP + Bolt transport', 'node internals': 'HTTP + Bolt transport',
  '@muster/teams': 'Teams transport (Agents SDK)', '@microsoft/agents-hosting': 'Teams transport (Agents SDK)', '@microsoft/agents-activity': 'Teams transport (Agents SDK)',
  axios: 'Teams transport (Agents SDK)', zod: 'Teams transport (Agents SDK)',
  '@muster/core': 'core', inversify: 'core',
  '@muster/store': 'store + database driver', typeorm: 'store + database driver', mysql2: 'store + database driver', 'better-sqlite3': 'store + database driver',
  pino: 'logging', 'sonic-boom': 'logging', '(garbage collector)': 'garbage collection',
};

const isNodeOrNative = (frame: CallFrame | undefined): boolean =>
  !!frame && !frame.functionName.startsWith('(') && (!frame.url || frame.url.startsWith('node:') || frame.url.startsWith('internal/'));

export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'V8 builtins (JSON, RegExp, …)';
  if (url.startsWith('node:') || url.startsWith('internal/')) return 'node internals';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  return WORKSPACES.find(([pattern]) => pattern.test(url))?.[1] ?? 'other';
}

/**
 * A native or node-internal frame (a socket write, a SQLite step, JSON.parse, a stream) is charged to
 * the nearest frame of a package or workspace above it, so a socket write made by mysql2 counts as
 * mysql2 and one made by Bolt's answer as Bolt; what the event loop itself runs stays node internals.
 */
export function summarizeProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const chargedTo = new Map<number, { category: string; native: boolean }>();
  const chargeOf = (id: number): { category: string; native: boolean } => {
    const known = chargedTo.get(id);
    if (known) return known;
    const frame = (byId.get(id) as CpuProfile['nodes'][number]).callFrame;
    const own = categoryOf(frame.url, frame.functionName);
    let charge = { category: own, native: !frame.url && !frame.functionName.startsWith('(') };
    if (charge.native || own === 'node internals') {
      // Up to the first frame of a package or workspace: who asked for this write, parse or step.
      let parent = parentOf.get(id);
      while (parent !== undefined && isNodeOrNative(byId.get(parent)?.callFrame)) parent = parentOf.get(parent);
      const found = parent !== undefined ? byId.get(parent)?.callFrame : undefined;
      const owner = found?.functionName === '(root)' ? undefined : found;
      if (owner) charge = { category: categoryOf(owner.url, owner.functionName), native: charge.native };
      else charge = { category: 'node internals', native: charge.native };
    }
    chargedTo.set(id, charge);
    return charge;
  };
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const micros = profile.timeDeltas[i + 1] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    busy += micros;
    const { category, native } = chargeOf(id);
    packages.set(category, (packages.get(category) ?? 0) + micros);
    const where = frame.url ? `${frame.url.split('/').slice(-1)[0]}:${frame.lineNumber + 1}` : native ? 'native' : '';
    const name = `${frame.functionName || '(anonymous)'} (${category}${where ? `, ${where}` : ''})`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  });
  const layers = new Map<string, number>();
  for (const [category, micros] of packages) {
    const layer = LAYERS[category] ?? 'other (V8 builtins, (program), small packages)';
    layers.set(layer, (layers.get(layer) ?? 0) + micros);
  }
  const shares = (map: Map<string, number>, limit: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k, v]) => [k, Math.round((v / Math.max(1, busy)) * 1000) / 10] as const);
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy / 1000,
    packages: shares(packages, top),
    layers: shares(layers, 10),
    topFunctions: shares(functions, top),
  };
}
