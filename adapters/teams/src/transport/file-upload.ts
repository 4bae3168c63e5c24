import type { TrustedServiceHosts } from '../connector/trusted-hosts';

/** Whether the file reached the person's OneDrive; `reason` is safe to show them (no URL, no body). */
export type UploadResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface FileUploaderOptions {
  /** Hosts an operator configured (`TEAMS_TRUSTED_HOSTS`): the only ones that may be plain http (tests). */
  readonly configuredHosts: TrustedServiceHosts;
  readonly timeoutMs?: number;
}

/**
 * Puts a whole file at the upload URL Teams gave with an accepted file consent: a pre-authorised
 * OneDrive upload session, so no token is sent (the bot's would be given away). Only https, or a host
 * the operator configured; no redirects followed; the time is bounded.
 */
export class FileUploader {
  private readonly timeoutMs: number;

  constructor(private readonly options: FileUploaderOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async upload(uploadUrl: string, bytes: Buffer): Promise<UploadResult> {
    const target = this.allowed(uploadUrl);
    if (!target) return { ok: false, reason: 'Teams gave an upload address Muster does not send files to' };
    try {
      const res = await fetch(target, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
        body: new Uint8Array(bytes),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel();
      return res.ok ? { ok: true } : { ok: false, reason: `OneDrive refused the upload (HTTP ${res.status})` };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return { ok: false, reason: timedOut ? 'OneDrive did not answer in time' : 'OneDrive could not be reached' };
    }
  }

  private allowed(raw: string): URL | undefined {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    if (url.username || url.password) return undefined;
    if (url.protocol === 'https:') return url;
    return url.protocol === 'http:' && this.options.configuredHosts.isConfigured(url) ? url : undefined;
  }
}
