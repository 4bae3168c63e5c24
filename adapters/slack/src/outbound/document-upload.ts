import { MusterError } from '@muster/core';
import type { SlackWebClient } from '../slack-web-client';
import type { SlackUrls } from './slack-urls';

export interface SlackDocument {
  readonly filename: string;
  readonly title: string;
  readonly markdown: string;
}

const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * Shares a document (the postmortem in Markdown) as a file in a channel, by Slack's external upload
 * flow (what `files.uploadV2` does, step by step so each step's failure is named): ask for an upload
 * URL, send the bytes there (no token: the URL itself authorises), then complete the upload into the
 * channel. Needs the `files:write` scope.
 */
export async function uploadDocument(api: SlackWebClient, urls: SlackUrls, workspaceId: string, channelId: string, doc: SlackDocument): Promise<{ fileId: string }> {
  const bytes = Buffer.from(doc.markdown, 'utf8');
  const ticket = await api.call(workspaceId, 'files.getUploadURLExternal', (web, token) =>
    web.files.getUploadURLExternal({ token, filename: doc.filename, length: bytes.length, snippet_type: 'markdown' }),
  );
  if (!ticket.upload_url || !ticket.file_id) throw new MusterError('unavailable', 'Slack did not give an upload address for the document (files.getUploadURLExternal).');
  const uploaded = await fetch(urls.check(ticket.upload_url, 'upload URL'), {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await uploaded.body?.cancel().catch(() => undefined);
  if (!uploaded.ok) throw new MusterError('unavailable', `Slack did not accept the document's bytes (upload answered HTTP ${uploaded.status}).`);
  const fileId = ticket.file_id;
  await api.call(workspaceId, 'files.completeUploadExternal', (web, token) =>
    web.files.completeUploadExternal({ token, files: [{ id: fileId, title: doc.title }], channel_id: channelId }),
  );
  return { fileId };
}
