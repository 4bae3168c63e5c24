import { type CallOptions, type ConferencePort, type PluginContext, type PluginIncident, type RemoteRef, BearerSession } from '@muster/plugin-sdk';
import type { TeamsMeetingConfig } from './config';
import { entraTokenIssuer } from './entra-token';
import { OnlineMeetings } from './online-meetings';

const SUBJECT_MAX = 255;

/**
 * The `conference` port: one Teams meeting per incident, organised by `organizerId`. No `end`: Graph
 * cannot end an ad hoc meeting for everyone, so on resolve it is left alone (it ends when the last
 * person leaves).
 */
export function teamsMeetingConference(ctx: PluginContext<TeamsMeetingConfig>): ConferencePort {
  const meetings = new OnlineMeetings(new BearerSession(ctx.http, entraTokenIssuer(ctx)), ctx.config.graphUrl, ctx.config.organizerId);
  return {
    async start(incident: PluginIncident, options: CallOptions): Promise<RemoteRef> {
      const { ref, created } = await meetings.createOrGet({
        idempotencyKey: options.idempotencyKey,
        // A private incident's title stays in Muster: the subject shows in Teams to everyone invited or joining.
        subject: `[${incident.reference}] ${incident.private ? 'Private incident' : incident.title}`.slice(0, SUBJECT_MAX),
        start: new Date(),
        durationMinutes: ctx.config.durationMinutes,
      });
      ctx.logger.info(created ? 'Created the Teams meeting' : 'Found the Teams meeting an earlier attempt created', { incident: incident.reference });
      return ref;
    },
  };
}
