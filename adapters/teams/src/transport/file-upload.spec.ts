import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { TrustedServiceHosts } from '../connector/trusted-hosts';
import { FileUploader } from './file-upload';

/** A stand-in upload session on 127.0.0.1 that records each PUT (or never answers, for the time limit). */
async function uploadServer(options: { hang?: boolean; status?: number } = {}) {
  const seen: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
      if (!options.hang) res.writeHead(options.status ?? 201).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, host, url: `http://${host}/upload/s1`, close: () => { server.closeAllConnections(); server.close(); } };
}

describe('FileUploader: the bytes of an accepted file, to the upload URL Teams gave', () => {
  const bytes = Buffer.from('# Postmortem INC-1\n\nÜnïcode ✓\n', 'utf8');

  it('puts the whole file with its Content-Range and no Authorization header', async () => {
    const target = await uploadServer();
    try {
      const result = await new FileUploader({ configuredHosts: new TrustedServiceHosts([target.host]) }).upload(target.url, bytes);
      expect(result).to.deep.equal({ ok: true });
      expect(target.seen).to.have.length(1);
      expect(target.seen[0]!.body.equals(bytes)).to.equal(true);
      expect(target.seen[0]!.headers['content-range']).to.equal(`bytes 0-${bytes.length - 1}/${bytes.length}`);
      expect(target.seen[0]!.headers.authorization).to.equal(undefined);
    } finally {
      target.close();
    }
  });

  it('refuses plain http to a host nobody configured, and URLs with credentials, sending nothing', async () => {
    const target = await uploadServer();
    try {
      const uploader = new FileUploader({ configuredHosts: new TrustedServiceHosts() });
      expect((await uploader.upload(target.url, bytes)).ok).to.equal(false);
      expect((await uploader.upload(`https://user:pw@${target.host}/upload`, bytes)).ok).to.equal(false);
      expect((await uploader.upload('not a url', bytes)).ok).to.equal(false);
      expect(target.seen, 'nothing reached the host').to.have.length(0);
    } finally {
      target.close();
    }
  });

  it('says why when the upload is refused or never answered, with no URL in the reason', async () => {
    const refusing = await uploadServer({ status: 507 });
    const hanging = await uploadServer({ hang: true });
    try {
      const refused = await new FileUploader({ configuredHosts: new TrustedServiceHosts([refusing.host]) }).upload(refusing.url, bytes);
      expect(refused).to.deep.equal({ ok: false, reason: 'OneDrive refused the upload (HTTP 507)' });
      const slow = await new FileUploader({ configuredHosts: new TrustedServiceHosts([hanging.host]), timeoutMs: 200 }).upload(hanging.url, bytes);
      expect(slow).to.deep.equal({ ok: false, reason: 'OneDrive did not answer in time' });
    } finally {
      refusing.close();
      hanging.close();
    }
  });
});
