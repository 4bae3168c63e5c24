import { createHash } from 'node:crypto';
import { PluginConfigError, PluginHttpError, safeUrl, type RemoteRef, type BearerSession } from '@muster/plugin-sdk';

export interface NewMeeting {
  readonly idempotencyKey: string;
  readonly subject: string;
  readonly start: Date;
  readonly durationMinutes: number;
}

const ID_MAX = 200;

/**
 * Graph's `onlineMeetings/createOrGet` for the organizer: Graph returns the meeting already made
 * with the same `externalId` (a hash of the call's key) instead of a second one, so every attempt
 * of a call, redone after a crash or not, gets the same meeting.
 */
export class OnlineMeetings {
  constructor(private readonly session: BearerSession, private readonly graphUrl: string, private readonly organizerId: string) {}

  /** The meeting, and whether Graph made it now (201) or had it from an earlier attempt (200). */
  async createOrGet(meeting: NewMeeting): Promise<{ readonly ref: RemoteRef; readonly created: boolean }> {
    const externalId = externalIdOf(meeting.idempotencyKey);
    const end = new Date(meeting.start.getTime() + meeting.durationMinutes * 60_000);
    let answer;
    try {
      answer = await this.session.request({
        method: 'POST',
        url: `${this.graphUrl.replace(/\/+$/, '')}/v1.0/users/${encodeURIComponent(this.organizerId)}/onlineMeetings/createOrGet`,
        json: { externalId, subject: meeting.subject, startDateTime: meeting.start.toISOString(), endDateTime: end.toISOString() },
      });
    } catch (error) {
      if (error instanceof PluginHttpError && (error.status === 403 || error.status === 404)) {
        throw new PluginConfigError(`Graph refused to make a meeting for the organizer (${error.status} ${graphCodeOf(error.body)}): grant the app OnlineMeetings.ReadWrite.All with admin consent, and an application access policy for organizerId`, 'organizerId');
      }
      throw error;
    }
    const body = answer.json<{ id?: unknown; joinWebUrl?: unknown }>();
    const url = safeUrl(body?.joinWebUrl);
    if (!url?.startsWith('https://')) throw new PluginHttpError('Graph answered createOrGet without a usable https joinWebUrl', answer.status);
    const id = typeof body.id === 'string' && body.id.length <= ID_MAX && /^[A-Za-z0-9_=+/:.-]+$/.test(body.id) ? body.id : externalId;
    return { ref: { id, url, title: 'Teams meeting' }, created: answer.status === 201 };
  }
}

export function externalIdOf(idempotencyKey: string): string {
  return `muster-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

/** `error.code` of a Graph error body (`Forbidden`), when it is a plain word. */
function graphCodeOf(body: string | undefined): string {
  try {
    const code = (JSON.parse(body ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && /^[A-Za-z_]{1,60}$/.test(code) ? code : 'no error code';
  } catch {
    return 'no error code';
  }
}
