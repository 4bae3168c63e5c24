import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

const FILE = [
  'tenants: { acme: { slack: [T0ACME] } }',
  'services:',
  '  checkout: { owners: [slack:U0ANA], integrations: { pagerduty: PCHK } }',
  '  search: { smes: [ana@example.com] }',
].join('\n');

/**
 * The service catalogue over REST: tenant-scoped by the token, writes need `admin`, bodies checked like
 * muster.yaml, entries of the file left to the file, REST-made ones kept across a restart.
 */
describe('server: REST service catalogue (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  let admin: string;
  let acmeAdmin: string;
  let readOnly: string;

  const tokenWith = async (scopes: ('read' | 'write' | 'admin')[], tenantId?: string) =>
    (await server.store.apiTokens.create(`t-${Math.random().toString(36).slice(2)}`, { scopes, ...(tenantId && { tenantId }) })).token;
  const start = async () => {
    server = await startInProcess(dir);
    api = `${server.url}/api/v1`;
    admin = await tokenWith(['read', 'admin']);
    acmeAdmin = await tokenWith(['read', 'admin'], 'acme');
    readOnly = await tokenWith(['read']);
  };
  const put = (name: string, json: unknown, token = admin) => call(`${api}/services/${name}`, { method: 'PUT', token, json });
  const names = async (token = admin) => (await call(`${api}/services`, { token })).body.services.map((s: { name: string }) => s.name);

  before(async () => {
    dir = tempDir('rest-services');
    writeFileSync(join(dir, 'muster.yaml'), FILE);
    await start();
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('lists the services muster.yaml defines, in the token\'s tenant only', async () => {
    const answer = await call(`${api}/services`, { token: readOnly });
    expect(answer.status).to.equal(200);
    expect(answer.body.services[0]).to.deep.equal({
      name: 'checkout', description: '', owners: ['slack:U0ANA'], smes: [], runbooks: [], runbookFile: null, integrations: { pagerduty: 'PCHK' }, public: false, origin: 'config',
    });
    expect(await names()).to.deep.equal(['checkout', 'search']);
    expect(await names(acmeAdmin)).to.deep.equal([]);
  });

  it('creates with 201, reads ignoring case, and replaces with 200 keeping the entry', async () => {
    const body = { description: 'Card payments', owners: ['slack:U0BO', 'Bo@Example.com'], runbooks: ['https://wiki.example.com/pay'], integrations: { jira: 'PAY' } };
    const created = await put('payments', body);
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal('/api/v1/services/payments');
    expect(created.body).to.deep.include({ name: 'payments', owners: ['slack:U0BO', 'bo@example.com'], runbooks: [{ title: 'payments runbook', url: 'https://wiki.example.com/pay' }], origin: 'api' });
    expect((await call(`${api}/services/PAYMENTS`, { token: readOnly })).body.description).to.equal('Card payments');
    const replaced = await put('Payments', { description: 'Payments, renamed' });
    expect(replaced.status).to.equal(200);
    expect(replaced.body).to.deep.include({ name: 'Payments', description: 'Payments, renamed', owners: [], integrations: {} });
    expect(await names()).to.deep.equal(['Payments', 'checkout', 'search']);
  });

  it('refuses a write without the admin scope with 403, and a read without read, storing nothing', async () => {
    const refused = await put('ledger', {}, readOnly);
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('insufficient_scope');
    expect(refused.headers.get('www-authenticate')).to.match(/error="insufficient_scope", scope="admin"/);
    expect((await put('ledger', {}, server.token)).status, 'the default read+write token').to.equal(403);
    expect((await call(`${api}/services/checkout`, { method: 'DELETE', token: readOnly })).status).to.equal(403);
    const writeOnly = await tokenWith(['admin']);
    expect((await call(`${api}/services`, { token: writeOnly })).status).to.equal(403);
    expect((await call(`${api}/services`)).status).to.equal(401);
    expect(await names()).to.not.include('ledger');
  });

  it('answers another tenant\'s service with 404, and lets that tenant use the same name', async () => {
    expect((await call(`${api}/services/checkout`, { token: acmeAdmin })).status).to.equal(404);
    expect((await call(`${api}/services/checkout`, { method: 'DELETE', token: acmeAdmin })).status).to.equal(404);
    const own = await put('checkout', { owners: ['ops@acme.example'] }, acmeAdmin);
    expect(own.status).to.equal(201);
    expect((await call(`${api}/services/checkout`, { token: admin })).body.owners).to.deep.equal(['slack:U0ANA']);
    expect((await call(`${api}/services/checkout`, { token: acmeAdmin })).body.owners).to.deep.equal(['ops@acme.example']);
  });

  it('refuses a malformed body with 400 naming every bad field, and a bad name in the path', async () => {
    const answer = await put('ledger', { owners: ['ana'], runbookFile: '../../etc/passwd', public: 'yes', tenant: 'acme' });
    expect(answer.status).to.equal(400);
    expect(answer.body.error.code).to.equal('validation_failed');
    for (const reason of [/owners\[0\] must be a person key/, /runbookFile must stay inside muster.yaml's directory/, /public must be true or false/, /tenant is not a setting/]) {
      expect(answer.body.error.message).to.match(reason);
    }
    expect((await put('bad%20name', {})).status).to.equal(400);
    expect((await put('x'.repeat(101), {})).status).to.equal(400);
    expect(await names()).to.not.include('ledger');
  });

  it('refuses a body over 64 KiB with 413 and stores nothing', async () => {
    const huge = await call(`${api}/services/ledger`, { method: 'PUT', token: admin, json: { description: 'x'.repeat(70 * 1024) } });
    expect(huge.status).to.equal(413);
    expect(await names()).to.not.include('ledger');
  });

  it('leaves an entry of muster.yaml to the file: PUT and DELETE are 409', async () => {
    const put409 = await put('CHECKOUT', { description: 'changed here' });
    expect(put409.status).to.equal(409);
    expect(put409.body.error.code).to.equal('defined_in_config');
    expect((await call(`${api}/services/search`, { method: 'DELETE', token: admin })).status).to.equal(409);
    expect((await call(`${api}/services/checkout`, { token: admin })).body.description).to.equal('');
  });

  it('deletes a REST-made service with 204, then 404', async () => {
    expect((await put('scratch', {})).status).to.equal(201);
    expect((await call(`${api}/services/scratch`, { method: 'DELETE', token: admin })).status).to.equal(204);
    expect((await call(`${api}/services/scratch`, { token: admin })).status).to.equal(404);
    expect((await call(`${api}/services/scratch`, { method: 'DELETE', token: admin })).status).to.equal(404);
  });

  it('after a restart keeps REST-made services and drops those removed from the file', async () => {
    await server.stop();
    writeFileSync(join(dir, 'muster.yaml'), 'tenants: { acme: { slack: [T0ACME] } }\nservices:\n  checkout: { owners: [slack:U0ANA, slack:U0CY] }\n');
    await start();
    expect(await names()).to.deep.equal(['Payments', 'checkout']);
    expect((await call(`${api}/services/checkout`, { token: admin })).body.owners).to.deep.equal(['slack:U0ANA', 'slack:U0CY']);
    expect(await names(acmeAdmin)).to.deep.equal(['checkout']);
  });
});
