import { type CallOptions, type ConferencePort, type PluginContext, type PluginIncident, type RemoteRef, BearerSession } from '@muster/plugin-sdk';
import type { ZoomConfig } from './config';
import { meetingMarker } from './marker';
import { zoomTokenIssuer } from './zoom-token';
import { ZoomMeetings } from './zoom-meetings';

const TOPIC_MAX = 200;
const AGENDA_MAX = 2000;

/**
 * The `conference` port: one Zoom meeting per incident. Zoom takes no idempotency key, so the
 * meeting's agenda carries a marker of the call's key, and a redone call (`uncertainSince`) looks
 * for it among the user's live and upcoming meetings before creating one.
 */
export function zoomConference(ctx: PluginContext<ZoomConfig>): ConferencePort {
  const meetings = new ZoomMeetings(new BearerSession(ctx.http, zoomTokenIssuer(ctx)), ctx.config.apiUrl, ctx.config.userId);
  return {
    async start(incident: PluginIncident, options: CallOptions): Promise<RemoteRef> {
      const marker = meetingMarker(options.idempotencyKey);
      if (options.uncertainSince) {
        const earlier = await meetings.findByMarker(marker);
        if (earlier) {
          ctx.logger.info('Found the Zoom meeting an earlier attempt created', { incident: incident.reference, meetingId: earlier.id });
          return earlier;
        }
      }
      const scheduled = ctx.config.meetingType === 'scheduled';
      const ref = await meetings.create({
        topic: `[${incident.reference}] ${titleOf(incident)}`.slice(0, TOPIC_MAX),
        agenda: agendaOf(incident, marker),
        type: scheduled ? 2 : 1,
        ...(scheduled ? { startTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), duration: ctx.config.durationMinutes } : {}),
      });
      ctx.logger.info('Created the Zoom meeting', { incident: incident.reference, meetingId: ref.id });
      return ref;
    },
    async end(meeting: RemoteRef, incident: PluginIncident): Promise<void> {
      if (ctx.config.onResolve !== 'end') return;
      await meetings.end(meeting.id);
      ctx.logger.info('Ended the Zoom meeting', { incident: incident.reference, meetingId: meeting.id });
    },
  };
}

/** A private incident's title and summary stay in Muster: a meeting's topic and agenda are seen by anyone invited and by the Zoom account's admins. */
function titleOf(incident: PluginIncident): string {
  return incident.private ? 'Private incident' : incident.title;
}

/** The incident's summary and its first room, then the marker, which must survive the length limit. */
function agendaOf(incident: PluginIncident, marker: string): string {
  if (incident.private) return `Muster incident ${incident.reference}\n\n${marker}`;
  const room = incident.rooms.find((r) => r.url)?.url;
  const text = [`Muster incident ${incident.reference} (${incident.severity}): ${incident.title}`, incident.summary, room ? `Room: ${room}` : undefined].filter(Boolean).join('\n');
  const tail = `\n\n${marker}`;
  return text.slice(0, AGENDA_MAX - tail.length) + tail;
}
