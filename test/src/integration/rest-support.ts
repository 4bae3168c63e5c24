/** Helpers of the REST suites: a raw HTTP/1.1 POST (chunked or declared length), for what fetch hides. */
import { request } from 'node:http';

export interface RawAnswer { readonly status: number; readonly body: any; readonly text: string } // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape; the tests assert on it.

/** Sends `totalBytes` of JSON-ish filler in 64 KiB chunks; chunked unless `declareLength`. */
export function rawPost(url: string, token: string, totalBytes: number, declareLength: boolean): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (declareLength) headers['content-length'] = String(totalBytes);
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { text += d; });
      res.on('end', () => {
        let body: unknown;
        try { body = JSON.parse(text); } catch { body = undefined; }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x'.charCodeAt(0));
    chunk.write('{"title":"', 0);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
        sent += part.length;
        if (!req.write(part)) { req.once('drain', pump); return; }
      }
      req.end();
    };
    pump();
  });
}

/** POSTs `body` exactly as given (for escapes and bytes JSON.stringify would not produce). */
export async function postRaw(url: string, token: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- as above.
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
