import type { CaptureResult } from '../services/capture-conversation';
import type { FormView, View } from './view';
import { noticeView } from './notice.view';

/**
 * What every platform says around the inbound port and reply delivery: capture outcomes, and the
 * fallbacks when a form or a document cannot be delivered. Written once here so Slack, Teams and the
 * console read the same sentences; adapters only render them.
 */

/** After someone marked a message for the timeline ("Add to incident timeline", a message action). */
export function highlightNotice(result: CaptureResult): View {
  if (result === 'not_an_incident_room') {
    return noticeView(['This channel is not an incident room. Use "Add to incident timeline" on a message in the incident\'s own channel.'], 'warning');
  }
  if (result === 'unknown_message') return noticeView(['That message could not be found on the incident timeline, so it was not highlighted. Try again in a moment.'], 'warning');
  return noticeView(['📌 Added to the incident timeline as a highlight.'], 'muted');
}

/** Chat typed outside an incident room: nothing was recorded, and how commands are typed instead. */
export function notRecordedNotice(roomName: string, prefix?: string): View {
  return noticeView([`${roomName} is not an incident room, so that was not recorded. Incident commands start with `, { command: '' }, '.'], 'muted', prefix);
}

/** The platform could not open the form (an expired trigger, a client without forms). */
export function formNotOpenedNotice(form: FormView, prefix?: string): View {
  return noticeView([
    `The form "${form.title}" could not be opened here. Try again, or type the command with its arguments instead; `, { command: 'help' }, ' shows them.',
  ], 'warning', prefix);
}

/**
 * The document (the postmortem in Markdown) could not be attached. `reason` is the platform's own
 * short word for it (`not_in_channel`); it must never carry a token or a URL with credentials.
 */
export function documentNotAttachedNotice(filename: string, reason?: string): View {
  const why = reason ? ` (${reason})` : '';
  return noticeView([`The document ${filename} could not be attached${why} — fetch it from Muster's REST API instead.`], 'warning');
}

/** This platform cannot attach documents at all here. */
export function documentUnavailableNotice(filename: string): View {
  return noticeView([`The document ${filename} cannot be attached here — fetch it from Muster's REST API instead.`], 'muted');
}
