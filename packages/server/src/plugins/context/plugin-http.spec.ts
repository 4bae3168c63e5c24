import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@muster/core';
import { configuredHosts, pluginHttp } from './plugin-http';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('plugin host: ctx.http reaches only the hosts the config names', () => {
  let server: Server;
  let url: string;
  before(async () => {
    server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('collects the hosts of every URL among the values, nested and listed, and nothing else', () => {
    const hosts = configuredHosts({
      apiUrl: 'https://api.zoom.us/v2', oauthUrl: 'https://zoom.us/oauth/token', urls: ['https://hooks.example.com/a', 'http://127.0.0.1:9000/b'],
      nested: { deeper: { tokenUrl: 'https://oauth2.googleapis.com/token' } }, text: 'not a url https://evil.example', count: 3, ftp: 'ftp://files.example.com',
    });
    expect(hosts.sort()).to.deep.equal(['127.0.0.1:9000', 'api.zoom.us', 'hooks.example.com', 'oauth2.googleapis.com', 'zoom.us']);
  });

  it('calls a second configured URL of another host, and refuses a host the config does not name', async () => {
    const http = pluginHttp({ apiUrl: 'https://api.vendor.example/v1', oauthUrl: `${url}/token` }, [], silent, { plugin: 'p' });
    expect((await http.request({ method: 'POST', url: `${url}/token` })).status).to.equal(200);
    let refused: unknown;
    try { await http.request({ method: 'GET', url: 'http://127.0.0.2:1/elsewhere' }); } catch (error) { refused = error; }
    expect(String(refused)).to.match(/not allowed|not one of|host/i);
  });
});
