/*
 * The integration script Wazuh runs (integration/custom-muster), run here with python3 as the
 * integrator runs it, against a small HTTP endpoint that records what arrives; the recorded request
 * then goes through this plugin's own verify and parse, so script and plugin are proved to agree.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activateForTest, webhookRequest } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { firing } from './fixtures';
import wazuh from './index';

const SCRIPT = join(__dirname, '..', 'integration', 'custom-muster');
const API_KEY = 'wazuh-api-key-7f3c1e';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly path: string;
}

describe('wazuh custom-muster integration script', function () {
  this.timeout(30_000);
  let home: string;
  let server: Server;
  let received: Received[];
  let answers: { status: number; body: string }[];
  let hookUrl: string;

  beforeEach(async () => {
    // A Wazuh tree in miniature: <home>/integrations/custom-muster logs to <home>/logs/integrations.log.
    home = mkdtempSync(join(tmpdir(), 'custom-muster-'));
    mkdirSync(join(home, 'integrations'));
    mkdirSync(join(home, 'logs'));
    copyFileSync(SCRIPT, join(home, 'integrations', 'custom-muster'));
    received = [];
    answers = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks), path: req.url ?? '' });
        const answer = answers.shift() ?? { status: 202, body: '' };
        res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wazuh`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  /** Writes the alert file as the integrator does (one JSON line) and runs the script; resolves with its exit code. */
  function run(args: (file: string) => string[], alertText = `${JSON.stringify(firing)}\n`): Promise<number> {
    const file = join(home, 'custom-muster-1778749951.alert');
    writeFileSync(file, alertText);
    return new Promise((resolve) => {
      execFile('python3', [join(home, 'integrations', 'custom-muster'), ...args(file)], (error) => resolve(error ? Number(error.code ?? 1) : 0));
    });
  }
  const log = () => (existsSync(join(home, 'logs', 'integrations.log')) ? readFileSync(join(home, 'logs', 'integrations.log'), 'utf8') : '');

  it('posts the alert as Wazuh wrote it with the api_key as a bearer token, and the plugin accepts and reads it', async () => {
    const alertText = `${JSON.stringify(firing)}\n`;
    expect(await run((file) => [file, API_KEY, hookUrl], alertText)).to.equal(0);
    expect(received).to.have.length(1);
    const [request] = received;
    expect(request!.path).to.equal('/webhooks/wazuh');
    expect(request!.headers['content-type']).to.equal('application/json');
    expect(request!.body.toString('utf8')).to.equal(alertText);

    const source = (await activateForTest(wazuh, { secrets: { TOKEN: API_KEY } })).ports['alert-source'];
    const asHostHandsIt = webhookRequest({ rawBody: request!.body, headers: request!.headers as Record<string, string> });
    expect(await source.verify(asHostHandsIt)).to.deep.equal({ ok: true });
    expect(source.parse(asHostHandsIt)).to.deep.equal(source.parse(webhookRequest({ body: firing })));
  });

  it('retries a 5xx answer with the same bytes, so the redelivery is the same delivery', async () => {
    answers.push({ status: 503, body: 'database unavailable' });
    expect(await run((file) => [file, API_KEY, hookUrl, 'debug'])).to.equal(0);
    expect(received).to.have.length(2);
    expect(received[1]!.body.equals(received[0]!.body)).to.equal(true);
    expect(log()).to.include('HTTP 503').and.not.include(API_KEY);
  });

  it('does not retry a refusal, logs Muster\'s reason, and never logs the api_key', async () => {
    answers.push({ status: 400, body: 'rule.level must be a number' });
    expect(await run((file) => [file, API_KEY, hookUrl, 'debug'])).to.equal(8);
    expect(received).to.have.length(1);
    expect(log()).to.include('HTTP 400 rule.level must be a number').and.not.include(API_KEY);
  });

  it('sends nothing when the hook URL or api_key is missing, or the alert file is not JSON', async () => {
    expect(await run((file) => [file, API_KEY])).to.equal(2);
    expect(await run((file) => [file, '', hookUrl])).to.equal(2);
    expect(await run((file) => [file, API_KEY, 'file:///etc/passwd'])).to.equal(2);
    expect(await run((file) => [file, API_KEY, hookUrl], '** Alert 1778749951.1048213: - syslog,sshd\n')).to.equal(7);
    expect(received).to.have.length(0);
    expect(log()).to.include('alert_format').and.not.include(API_KEY);
  });
});
