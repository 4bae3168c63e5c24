import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

/**
 * A fresh directory per test for a muster.yaml (mocha hooks of the calling `describe`): `withFile`
 * loads the config from that text, `problemsOf` expects it refused and gives the problems it names.
 */
export function yamlFileFixture(prefix: string) {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), prefix)); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const withFile = (text: string) => {
    writeFileSync(join(dir, 'muster.yaml'), text);
    return loadConfig({ env: {}, cwd: dir, interactive: false });
  };
  const problemsOf = (text: string): readonly string[] => {
    try {
      withFile(text);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected the file to be refused');
  };
  return { dir: () => dir, withFile, problemsOf };
}
