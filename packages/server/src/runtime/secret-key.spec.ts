import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@muster/core';
import { loadConfig } from '../config/load-config';
import { resolveSecretKey } from './secret-key';

describe('resolveSecretKey', () => {
  let dir: string;
  const lines: string[] = [];
  const logger: Logger = { debug: () => undefined, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-secret-')); lines.length = 0; });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const config = (env: Record<string, string> = {}) => loadConfig({ env, cwd: dir, interactive: false });

  it('generates ./data/secret.key (0600) once for an embedded install, says so, and reuses it', () => {
    const first = resolveSecretKey(config(), logger);
    expect(first.source).to.equal('generated');
    const path = join(dir, 'data', 'secret.key');
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(readFileSync(path, 'utf8').trim()).to.equal(first.key);
    expect(lines.join('\n')).to.match(/Generated a secret key/);
    expect(lines.join('\n')).not.to.contain(first.key!);
    expect(resolveSecretKey(config(), logger)).to.deep.equal({ key: first.key, source: 'file' });
  });

  it('takes MUSTER_SECRET_KEY when set, and refuses a short one', () => {
    const key = 'k'.repeat(40);
    expect(resolveSecretKey(config({ MUSTER_SECRET_KEY: key }), logger)).to.deep.equal({ key, source: 'environment' });
    expect(() => resolveSecretKey(config({ MUSTER_SECRET_KEY: 'short' }), logger)).to.throw(/at least 32 characters/);
  });

  it('writes nothing for a shared MySQL database or an in-memory one', () => {
    expect(resolveSecretKey(config({ MUSTER_DATABASE_URL: 'mysql://u@db/m' }), logger).source).to.equal('none');
    expect(resolveSecretKey(config({ MUSTER_DATABASE_URL: 'sqlite::memory:' }), logger).source).to.equal('ephemeral');
    expect(() => statSync(join(dir, 'data'))).to.throw();
  });
});
