import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../config/load-config';
import { oidcProviders } from './oidc-providers';

describe('oidcProviders', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-oidc-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const entra = { MUSTER_PUBLIC_URL: 'https://muster.example.com', MUSTER_ENTRA_CLIENT_ID: 'app', MUSTER_ENTRA_CLIENT_SECRET: 'secret', MICROSOFT_LOGIN_URL: 'https://login.example.com/' };

  it('gives each served Entra tenant a button and an issuer of its own when there are several', () => {
    writeFileSync(join(dir, 'muster.yaml'), 'tenants:\n  acme: { teams: [tid-acme] }\n  globex: { teams: [tid-globex] }\n');
    const providers = oidcProviders(loadConfig({ env: entra, cwd: dir, interactive: false }));
    expect(providers.map((p) => [p.id, p.label, p.issuer])).to.deep.equal([
      ['entra-tid-acme', 'Sign in with Microsoft (acme)', 'https://login.example.com/tid-acme/v2.0'],
      ['entra-tid-globex', 'Sign in with Microsoft (globex)', 'https://login.example.com/tid-globex/v2.0'],
    ]);
  });

  it('maps only a token of the provider\'s own tenant to a Teams person', () => {
    const [provider] = oidcProviders(loadConfig({ env: { ...entra, MICROSOFT_APP_TENANT_ID: 'tid-one' }, cwd: dir, interactive: false }));
    expect(provider!.id).to.equal('entra');
    expect(provider!.personOf({ oid: 'o1', tid: 'tid-one', name: 'Ana' })).to.deep.equal({ person: { platform: 'teams', id: 'o1', name: 'Ana' }, workspaceId: 'tid-one' });
    expect(provider!.personOf({ oid: 'o1', tid: 'tid-other' })).to.equal(undefined);
    expect(provider!.personOf({ tid: 'tid-one' })).to.equal(undefined);
    expect(provider!.personOf({ oid: 42, tid: 'tid-one' })).to.equal(undefined);
  });
});
