import { expect } from 'chai';
import { TOKENS, type PluginAdministration } from '@muster/core';
import { createConnection } from 'mysql2/promise';
import { fixturePackage, firing, postWebhook, writeMusterYaml } from './plugin-support';
import { createMariaDbDatabase, removeDir, startInProcess, tempDir, TcpProxy, type InProcessServer } from './server-support';

const TOKEN = 'maria-chat-token-c0ffee';

/**
 * On MariaDB: a chat installation's secret is not readable in its row (read raw, past the store), and
 * a webhook that arrives while the database is gone is answered 503 with Retry-After and leaves nothing.
 */
describe('plugin host on MariaDB: sealed secrets at rest, and 503 while the database is gone', function () {
  this.timeout(120_000);
  let dir: string;
  let database: { name: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let server: InProcessServer | undefined;

  const raw = async <T>(query: string): Promise<T[]> => {
    const conn = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: database.name });
    try {
      return (await conn.query(query))[0] as T[];
    } finally {
      await conn.end();
    }
  };

  before(async () => {
    dir = tempDir('plugin-mariadb');
    database = await createMariaDbDatabase();
    proxy = await TcpProxy.start(3306);
    writeMusterYaml(dir, { 'fixture-source': { enabled: false, package: fixturePackage(dir, 'fixture-source') } });
    server = await startInProcess(dir, {
      MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:${proxy.port}/${database.name}`, MUSTER_AUTO_MIGRATE: 'on', MUSTER_SECRET_KEY: 'maria-plugin-secret-key-0123456789abcdef',
    });
  });

  after(async () => {
    await server?.stop().catch(() => undefined);
    await proxy?.cut();
    await database?.drop();
    removeDir(dir);
  });

  it('stores a chat installation with its secret sealed: the raw row holds no trace of it', async () => {
    const admin = server!.running.container.get<PluginAdministration>(TOKENS.PluginAdministration);
    await admin.install({ tenantId: 'default', pluginId: 'fixture-source', values: { team: 'db', 'secret:TOKEN': TOKEN }, by: { platform: 'slack', id: 'U0ADMIN' }, platform: 'slack', workspaceId: 'T0MARIA' });
    const rows = await raw<Record<string, unknown>>('SELECT * FROM plugin_installations');
    expect(rows).to.have.length(1);
    expect(String(rows[0].sealed_secrets)).to.match(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const dump = JSON.stringify(rows);
    for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex')]) expect(dump).not.to.contain(form);
    const accepted = await postWebhook(server!.url, 'fixture-source', { token: TOKEN, body: firing('maria-1') });
    expect(accepted.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
  });

  it('answers 503 with Retry-After while the database is gone, and nothing of the webhook is stored', async () => {
    await proxy.cut();
    const answer = await postWebhook(server!.url, 'fixture-source', { token: TOKEN, body: firing('maria-2', 'During the outage') });
    expect(answer.status).to.equal(503);
    expect(answer.headers.get('retry-after')).to.match(/^\d+$/);
    expect(answer.body.error.message).to.match(/^The database cannot be reached .*nothing was saved/);
    expect(answer.text).not.to.match(/\n\s+at /);
    expect((await raw<{ title: string }>('SELECT title FROM incidents')).map((r) => r.title)).to.deep.equal(['Alert maria-1']);
    expect(await raw('SELECT * FROM alert_groups WHERE group_key LIKE \'%maria-2%\'')).to.deep.equal([]);
  });
});
