import { expect } from 'chai';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The dependency rules of ARCHITECTURE.md section 2 are enforced by `npm run lint` (part of `npm test`);
 * these cases prove the configuration catches each kind of break, so a loosened rule fails here.
 */
describe('house rules: the lint configuration refuses what breaks the architecture', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: ROOT });
  const problems = async (path: string, code: string) =>
    (await eslint.lintText(code, { filePath: join(ROOT, path) }))[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`);

  it('keeps SDKs, databases, HTTP, the file system and process.env out of core', async () => {
    for (const module of ['typeorm', '@slack/bolt', 'openai', 'node:http', 'mysql2/promise', '@muster/store']) {
      expect(await problems('core/src/application/x.ts', `import '${module}';\n`), module).to.satisfy((p: string[]) => p.some((m) => m.startsWith('no-restricted-imports')));
    }
    expect(await problems('core/src/application/x.ts', 'export const port = process.env.MUSTER_PORT;\n')).to.satisfy((p: string[]) => p.some((m) => m.startsWith('no-restricted-properties')));
    expect(await problems('core/src/application/x.ts', "import { injectable } from 'inversify';\nexport const i = injectable;\n")).to.deep.equal([]);
  });

  it('keeps adapters transport only: no store, server or other adapter', async () => {
    for (const module of ['@muster/store', '@muster/server', '@muster/console']) {
      expect(await problems('adapters/slack/src/x.ts', `import '${module}';\n`), module).to.satisfy((p: string[]) => p.some((m) => m.startsWith('no-restricted-imports')));
    }
  });

  it('refuses another package\'s dist/ internals and imports a package.json does not declare', async () => {
    expect(await problems('packages/server/src/x.ts', "import '@muster/core/dist/domain/incident';\n")).to.satisfy((p: string[]) => p.some((m) => m.startsWith('no-restricted-imports')));
    expect(await problems('packages/summarizer/src/x.ts', "import 'mysql2';\n")).to.satisfy((p: string[]) => p.some((m) => m.startsWith('import-x/no-extraneous-dependencies')));
    expect(await problems('adapters/slack/src/x.ts', "import 'chai';\n"), 'a test tool in production code').to.satisfy((p: string[]) => p.some((m) => m.startsWith('import-x/no-extraneous-dependencies')));
  });
});
