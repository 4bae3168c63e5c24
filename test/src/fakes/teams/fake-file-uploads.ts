/**
 * The OneDrive side of Teams' file-consent flow, served by the fake Bot Connector: when a person
 * accepts a file, Teams creates an upload session in their OneDrive and hands the bot its
 * pre-authorised `uploadUrl` (no Authorization header needed, as Microsoft documents) with the
 * file's future `contentUrl` and `uniqueId`. The bot PUTs the bytes with
 * `Content-Range: bytes 0-<n-1>/<n>`; a whole file in one PUT completes the session (201 with the
 * driveItem). Every PUT is recorded, the bytes too, with the Authorization header if one was sent.
 *
 *   const info = bc.uploads.session(origin, userAadId, 'INC-1-postmortem.md')  // uploadInfo for the accept
 *   bc.uploads.filesOf(userAadId)                                                // what reached their OneDrive
 */
import { randomUUID } from 'node:crypto';
import { type RecordedRequest, type Route, ServiceError } from './fake-http-server';
import type { Json } from './fake-teams-tenant';

export interface UploadInfo { name: string; uploadUrl: string; contentUrl: string; uniqueId: string; fileType: string }
export interface UploadedFile { userId: string; name: string; bytes: Buffer; uniqueId: string }
interface Session { userId: string; info: UploadInfo; completed: boolean }

export const UPLOAD_PATH = '/fake-onedrive/upload/';

export class FakeFileUploads {
  private readonly sessions = new Map<string, Session>();
  readonly files: UploadedFile[] = [];
  /** Every PUT to an upload URL, in order (tests assert no bot token and one upload). */
  readonly puts: RecordedRequest[] = [];

  /** The uploadInfo Teams puts in an accept's `fileConsent/invoke`, for a session in the user's OneDrive. */
  session(origin: string, userId: string, name: string): UploadInfo {
    const id = randomUUID();
    const uniqueId = randomUUID().toUpperCase();
    const info: UploadInfo = {
      name, uploadUrl: `${origin}${UPLOAD_PATH}${id}`, uniqueId, fileType: name.split('.').pop() ?? '',
      contentUrl: `https://contoso-my.sharepoint.com/personal/${userId}/Documents/Applications/Muster/${encodeURIComponent(name)}`,
    };
    this.sessions.set(id, { userId, info, completed: false });
    return info;
  }

  filesOf(userId: string): UploadedFile[] {
    return this.files.filter((f) => f.userId === userId);
  }

  routes(): Route[] {
    return [{
      method: 'PUT', pattern: /^\/fake-onedrive\/upload\/([^/]+)$/, operation: 'upload file', rawBody: true,
      handle: ([id], _body, _query, request) => this.put(id!, request),
    }];
  }

  private put(id: string, request: RecordedRequest): { status: number; body: Json } {
    this.puts.push(request);
    const session = this.sessions.get(id);
    if (!session) throw new ServiceError(404, 'itemNotFound', 'The upload session does not exist or has expired.');
    if (session.completed) throw new ServiceError(409, 'nameAlreadyExists', 'The upload session is already complete.');
    const n = request.rawBody.length;
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    if (!range || n === 0 || Number(range[1]) !== 0 || Number(range[2]) !== n - 1 || Number(range[3]) !== n) {
      throw new ServiceError(400, 'invalidRange', 'Content-Range must be bytes 0-<n-1>/<n> for the bytes sent.');
    }
    session.completed = true;
    this.files.push({ userId: session.userId, name: session.info.name, bytes: request.rawBody, uniqueId: session.info.uniqueId });
    return { status: 201, body: { id: session.info.uniqueId, name: session.info.name, size: n, webUrl: session.info.contentUrl } };
  }
}
