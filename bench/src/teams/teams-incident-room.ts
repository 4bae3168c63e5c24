import { KeepAliveClient } from '../http/keep-alive-client';
import type { OutboxCounts } from '../processes/muster-server.main';
import { messageActivity, type TeamsPlace } from './teams-activities';
import type { TeamsTargets } from './teams-targets';

/**
 * Declares an incident as a Teams user would (`@Muster declare <title> --sev SEV2`, a new post in the
 * General channel), lets the outbox open its room (a thread in that channel, through the fake Bot
 * Connector) and returns the room: messages in that thread belong to the incident.
 */
export async function openTeamsIncidentRoom(targets: TeamsTargets, title: string): Promise<{ number: number; room: TeamsPlace }> {
  const c = targets.connector.info;
  const text = `declare ${title} --sev SEV2`;
  // The post exists on Teams before its activity is delivered; Muster's answer is a reply in its thread.
  const postId = await targets.connector.call<string>('personPosts', { channelId: c.channelId, from: c.responder.aadObjectId, text });
  const general: TeamsPlace = { serviceUrl: c.serviceUrl, tenantId: c.tenantId, teamId: c.teamId, channelId: c.channelId, conversationId: `${c.channelId};messageid=${postId}` };
  const client = new KeepAliveClient(targets.muster.info.teamsUrl, 1);
  try {
    const body = JSON.stringify(messageActivity(general, { id: postId, from: c.responder, text, toBot: true }));
    const answer = await client.post(body, { 'content-type': 'application/json' });
    if (answer.status !== 200) throw new Error(`Declaring "${title}" on Teams was answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const outbox = await targets.muster.call<OutboxCounts>('drainOutbox', 60_000, 70_000);
    const found = await targets.muster.call<{ number: number; conversationId: string | null } | null>('roomTitled', { title, platform: 'teams' });
    if (!found?.conversationId) throw new Error(`"${title}" has ${found ? 'no Teams room' : 'not been declared'} after the outbox drained (outbox: ${JSON.stringify(outbox)}); see the server log`);
    return { number: found.number, room: { ...general, conversationId: found.conversationId } };
  } finally {
    client.close();
  }
}
