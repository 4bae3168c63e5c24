import { KeepAliveClient } from '../http/keep-alive-client';
import type { OutboxCounts } from '../processes/muster-server.main';
import { slashCommandBody } from './slack-payloads';
import { signedHeaders } from './slack-signing';
import { FORM, SIGNING_SECRET, type SlackTargets } from './slack-targets';

/**
 * Declares an incident through Muster's slash command, lets the outbox create its Slack room, and
 * returns the room's channel id: messages captured there belong to that incident.
 */
export async function openIncidentRoom(targets: SlackTargets, title: string): Promise<{ number: number; channelId: string }> {
  const client = new KeepAliveClient(targets.muster.info.url, 1);
  try {
    const body = slashCommandBody(targets.workspace, `declare ${title} --sev SEV2`);
    const answer = await client.post(body, signedHeaders(SIGNING_SECRET, body, FORM));
    const number = Number(/INC-(\d+)/.exec(answer.body)?.[1]);
    if (answer.status !== 200 || !number) throw new Error(`Declaring "${title}" was answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const outbox = await targets.muster.call<OutboxCounts>('drainOutbox', 60_000, 70_000);
    const channelId = await targets.muster.call<string | null>('roomOf', number);
    if (!channelId) throw new Error(`INC-${number} has no Slack room after the outbox drained (outbox: ${JSON.stringify(outbox)}); see the server log`);
    return { number, channelId };
  } finally {
    client.close();
  }
}
