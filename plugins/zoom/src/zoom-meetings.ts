import { PluginHttpError, safeUrl, type RemoteRef, type BearerSession } from '@muster/plugin-sdk';

/** The fields of a Zoom meeting (create and list answers) Muster reads. */
interface ZoomMeeting {
  readonly id?: unknown;
  readonly join_url?: unknown;
  readonly agenda?: unknown;
}

export interface NewMeeting {
  readonly topic: string;
  readonly agenda: string;
  readonly type: 1 | 2;
  readonly startTime?: string;
  readonly duration?: number;
}

/** A look-up reads at most this many pages of 300 meetings: the user's live and upcoming meetings are few. */
const MAX_PAGES = 5;

/** Zoom's Meetings API as Muster uses it, through a bearer session; every answer checked before it is trusted. */
export class ZoomMeetings {
  constructor(private readonly session: BearerSession, private readonly apiUrl: string, private readonly userId: string) {}

  async create(meeting: NewMeeting): Promise<RemoteRef> {
    const answer = await this.session.request({
      method: 'POST',
      url: `${this.base()}/users/${encodeURIComponent(this.userId)}/meetings`,
      json: { topic: meeting.topic, type: meeting.type, agenda: meeting.agenda, ...(meeting.type === 2 ? { start_time: meeting.startTime, duration: meeting.duration } : {}) },
    });
    const ref = refOf(answer.json<ZoomMeeting>());
    if (!ref) throw new PluginHttpError('Zoom created a meeting but answered without a usable id and https join_url', answer.status);
    return ref;
  }

  /** The live or upcoming meeting whose agenda carries `marker`, if there is one. */
  async findByMarker(marker: string): Promise<RemoteRef | undefined> {
    for (const type of ['live', 'upcoming'] as const) {
      let pageToken = '';
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const url = new URL(`${this.base()}/users/${encodeURIComponent(this.userId)}/meetings`);
        url.searchParams.set('type', type);
        url.searchParams.set('page_size', '300');
        if (pageToken) url.searchParams.set('next_page_token', pageToken);
        const body = (await this.session.request({ method: 'GET', url: url.href })).json<{ meetings?: unknown; next_page_token?: unknown }>();
        const meetings: unknown[] = Array.isArray(body?.meetings) ? body.meetings : [];
        const found = meetings.find((m): m is ZoomMeeting => typeof (m as ZoomMeeting)?.agenda === 'string' && ((m as ZoomMeeting).agenda as string).includes(marker));
        const ref = found && refOf(found);
        if (ref) return ref;
        pageToken = typeof body?.next_page_token === 'string' && body.next_page_token.length <= 200 ? body.next_page_token : '';
        if (!pageToken) break;
      }
    }
    return undefined;
  }

  /** Ends the meeting for everyone; one Zoom no longer has (deleted, expired) is already over. */
  async end(meetingId: string): Promise<void> {
    if (!/^\d{1,20}$/.test(meetingId)) throw new PluginHttpError(`Not a Zoom meeting id: ${meetingId.slice(0, 40)}`, undefined);
    try {
      await this.session.request({ method: 'PUT', url: `${this.base()}/meetings/${meetingId}/status`, json: { action: 'end' } });
    } catch (error) {
      if (error instanceof PluginHttpError && error.status === 404) return;
      throw error;
    }
  }

  private base(): string {
    return this.apiUrl.replace(/\/+$/, '');
  }
}

/** A meeting as Muster links it: a numeric id and an https join link, else nothing. */
function refOf(meeting: ZoomMeeting | undefined): RemoteRef | undefined {
  const id = typeof meeting?.id === 'number' && Number.isSafeInteger(meeting.id) && meeting.id > 0 ? String(meeting.id)
    : typeof meeting?.id === 'string' && /^\d{1,20}$/.test(meeting.id) ? meeting.id : undefined;
  const url = safeUrl(meeting?.join_url);
  if (!id || !url || !url.startsWith('https://')) return undefined;
  return { id, url, title: 'Zoom meeting' };
}
