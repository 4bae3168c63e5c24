import { z } from 'zod';
import type { FileOffer } from './file-offers';
import type { FileCardAttachment } from './teams-turn';

/**
 * Teams' file-consent flow for a bot in a 1:1 chat (Microsoft's "Send and receive files using bot"):
 * Muster offers the file with a consent card, the person accepts or declines (`fileConsent/invoke`),
 * and on accept Muster uploads to the pre-authorised OneDrive URL Teams gives and shows a file card.
 */
export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';

/** The offer card; both contexts name the offer so an answer finds what to upload. */
export function consentCard(offer: FileOffer, description: string): FileCardAttachment {
  const context = { offerId: offer.id };
  return {
    contentType: FILE_CONSENT, name: offer.filename,
    content: { description, sizeInBytes: offer.bytes.length, acceptContext: context, declineContext: context },
  };
}

/** The uploaded file as Teams shows it in the chat (opens from the person's OneDrive). */
export function fileInfoCard(upload: UploadInfo): FileCardAttachment {
  return { contentType: FILE_INFO, name: upload.name, contentUrl: upload.contentUrl, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } };
}

const url = z.string().min(1).max(4_096);
const uploadInfo = z.object({
  name: z.string().min(1).max(512),
  uploadUrl: url,
  contentUrl: url,
  uniqueId: z.string().min(1).max(256),
  fileType: z.string().max(64),
});
export type UploadInfo = z.infer<typeof uploadInfo>;

/** The invoke's value; `uploadInfo` comes only with an accept. */
export const fileConsentAnswer = z.discriminatedUnion('action', [
  z.object({ type: z.literal('fileUpload'), action: z.literal('accept'), context: z.object({ offerId: z.string().max(64) }).loose(), uploadInfo }),
  z.object({ type: z.literal('fileUpload'), action: z.literal('decline'), context: z.object({ offerId: z.string().max(64) }).loose() }),
]);
export type FileConsentAnswer = z.infer<typeof fileConsentAnswer>;
