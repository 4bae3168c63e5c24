import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');
const GUIDE = join(ROOT, 'plugins/README.md');

/** The guide's ```ts blocks that open with `// file: <path>`: the third party's files, as shown. */
function exampleFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [, body] of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const named = /^\/\/ file: (\S+)\n/.exec(body!);
    if (named) files.set(named[1]!, body!.slice(named[0].length));
  }
  return files;
}

/**
 * The plugin guide (plugins/README.md) promises its example compiles and its tests pass as shown:
 * this writes both files into a scratch package that sees the SDK as a third party would (through
 * node_modules), type-checks them strictly, and runs the example's mocha suite.
 */
describe('the plugin guide example', function () {
  // A full type-check of the example against the SDK and zod's types, then a mocha run: a bound, not a timing assertion.
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'muster-plugin-guide-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles with strict settings and its tests pass', () => {
    const files = exampleFiles(readFileSync(GUIDE, 'utf8'));
    expect([...files.keys()]).to.deep.equal(['src/index.ts', 'src/index.spec.ts']);
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const program = ts.createProgram([...files.keys()].map((p) => join(dir, p)), {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      esModuleInterop: true, skipLibCheck: true, types: ['node', 'mocha'], rootDir: join(dir, 'src'), outDir: join(dir, 'dist'),
    });
    const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
    expect(ts.formatDiagnostics(diagnostics, host), 'the guide example does not compile').to.equal('');

    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--no-config', '--reporter', 'dot', 'dist/index.spec.js'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, `the guide's tests failed:\n${run.stdout}${run.stderr}`).to.equal(0);
    expect(run.stdout).to.match(/6 passing/);
  });
});
