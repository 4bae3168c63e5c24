import { fileConsentAnswer, fileInfoCard, type FileConsentAnswer } from './file-consent';
import type { FileOffer } from './file-offers';
import { prefixOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';
import type { TurnDeps } from './turn-deps';

/**
 * A person's answer to a file-consent card (`invoke` `fileConsent/invoke`): accept uploads the offered
 * document to the URL Teams gives and shows the file; decline says it was not sent. An answer naming
 * no open offer, or someone else's, uploads nothing. What the person sees is posted in the chat;
 * the caller answers the invoke itself with a bare 200, as Teams expects.
 */
export async function handleFileConsent(turn: TeamsTurn, deps: TurnDeps): Promise<void> {
  const note = await outcomeOf(turn, deps);
  if (note) await turn.reply({ text: note });
}

/** What to tell the person; undefined once the file card has been posted. */
async function outcomeOf(turn: TeamsTurn, deps: TurnDeps): Promise<string | undefined> {
  const askAgain = `Ask again with \`${prefixOf(turn.activity)} postmortem\`, or fetch it from Muster's REST API.`;
  const parsed = fileConsentAnswer.safeParse(turn.activity.value);
  if (!parsed.success) return `This file card is not one Muster can act on. ${askAgain}`;
  const answer = parsed.data;
  const found = await deps.files.lookup(answer.context.offerId);
  if (found.kind === 'answered') return ANSWERED[found.how];
  if (found.kind === 'unknown') return `This file offer is no longer open (offers last a day). ${askAgain}`;
  if (!offeredTo(found.offer, turn)) {
    deps.logger.warn('Teams file consent answered by someone it was not offered to; nothing uploaded', { offerId: found.offer.id });
    return 'This file was offered to someone else; nothing was sent.';
  }
  if (answer.action === 'decline') {
    return (await deps.files.close(found.offer.id, 'declined')) ? `Not sent: ${found.offer.filename}. ${askAgain}` : ANSWERED.sending;
  }
  return send(turn, deps, found.offer, answer.uploadInfo, askAgain);
}

async function send(turn: TeamsTurn, deps: TurnDeps, offer: FileOffer, upload: Extract<FileConsentAnswer, { action: 'accept' }>['uploadInfo'], askAgain: string): Promise<string | undefined> {
  // Another delivery of this accept (here or on another instance) got there first.
  if (!(await deps.files.claim(offer.id))) return ANSWERED.sending;
  const uploaded = await deps.uploader.upload(upload.uploadUrl, offer.bytes);
  if (!uploaded.ok) {
    await deps.files.release(offer.id);
    deps.logger.warn('Teams file upload failed', { offerId: offer.id, reason: uploaded.reason });
    return `${offer.filename} could not be sent: ${uploaded.reason}. ${askAgain}`;
  }
  await deps.files.close(offer.id, 'sent');
  await turn.reply({ text: offer.filename, attachments: [fileInfoCard(upload)] });
  return undefined;
}

const ANSWERED = {
  sending: 'This file is being sent to you.',
  sent: 'This file was already sent to you.',
  declined: 'You declined this file; it was not sent.',
} as const;

/** The answer comes from the person the file was offered to (their Bot Framework id, and AAD id when both are known). */
function offeredTo(offer: FileOffer, turn: TeamsTurn): boolean {
  const { from } = turn.activity;
  if (from.id !== offer.to.id) return false;
  return !offer.to.aadObjectId || !from.aadObjectId || from.aadObjectId === offer.to.aadObjectId;
}
