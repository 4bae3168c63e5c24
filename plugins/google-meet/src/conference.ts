import { createHash } from 'node:crypto';
import { type CallOptions, type ConferencePort, type PluginContext, type PluginIncident, type RemoteRef, BearerSession } from '@muster/plugin-sdk';
import type { GoogleMeetConfig } from './config';
import { googleTokenIssuer } from './google-token';
import { MeetSpaces, spaceOf, type MeetSpace } from './meet-spaces';

const TITLE = 'Google Meet';

/**
 * The `conference` port: one Meet space per incident. Spaces take no idempotency key and cannot be
 * listed, so the space is remembered in the installation's storage under the call's key right
 * after it is created: a redelivered call returns it. A crash between the create and that write
 * leaves one unused space behind (it costs nothing and expires unused).
 */
export function googleMeetConference(ctx: PluginContext<GoogleMeetConfig>): ConferencePort {
  const spaces = new MeetSpaces(new BearerSession(ctx.http, googleTokenIssuer(ctx)), ctx.config.apiUrl);
  return {
    async start(incident: PluginIncident, options: CallOptions): Promise<RemoteRef> {
      const key = storageKey(options.idempotencyKey);
      const stored = spaceOf(await ctx.storage.get<MeetSpace>(key));
      if (stored) return refOf(stored);
      if (options.uncertainSince) ctx.logger.info('An earlier attempt may have created a Meet space Muster never recorded; creating one', { incident: incident.reference });
      const space = await spaces.create(ctx.config.accessType);
      await ctx.storage.set(key, space);
      ctx.logger.info('Created the Google Meet space', { incident: incident.reference, space: space.name });
      return refOf(space);
    },
    async end(meeting: RemoteRef, incident: PluginIncident): Promise<void> {
      if (ctx.config.onResolve !== 'end') return;
      await spaces.endActiveConference(meeting.id);
      ctx.logger.info('Ended the Google Meet conference', { incident: incident.reference, space: meeting.id });
    },
  };
}

function refOf(space: MeetSpace): RemoteRef {
  return { id: space.name, url: space.meetingUri, title: TITLE };
}

/** The key names Muster internals: stored hashed. */
function storageKey(idempotencyKey: string): string {
  return `space:${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}
