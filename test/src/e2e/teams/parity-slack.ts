import type { TimelineEntry } from '@muster/core';
import { ANA, BOB, CLEO, SlackE2E } from '../slack/harness';
import type { SlackChannel, SlackUser } from '../slack/slack-payloads';
import type { IncidentChat, Person } from './parity-script';

const PEOPLE: Record<Person, SlackUser> = { ana: ANA, bob: BOB, cleo: CLEO };

/**
 * The scripted incident on Slack: the Slack e2e harness (real Bolt receiver, fake Slack Web API,
 * signed requests). Slash commands escape a mention as `<@U…|name>`, message events as `<@U…>`.
 */
export class SlackIncidentChat implements IncidentChat {
  readonly platform = 'slack' as const;
  private room?: SlackChannel;

  private constructor(readonly e2e: SlackE2E) {}

  static async start(): Promise<SlackIncidentChat> {
    // No announcement channel, as on the Teams side: the same configuration on both servers.
    return new SlackIncidentChat(await SlackE2E.start({ announce: () => [] }));
  }

  async command(who: Person, text: string, where: 'channel' | 'room'): Promise<void> {
    const escaped = text.replace(/@(ana|bob|cleo)\b/gu, (_, p: Person) => `<@${PEOPLE[p].id}|${PEOPLE[p].name}>`);
    const answer = await this.e2e.command(escaped, PEOPLE[who], where === 'room' ? await this.roomChannel() : this.e2e.general);
    if (answer.status !== 200) throw new Error(`Slack: /incident ${text} answered HTTP ${answer.status}`);
  }

  async say(who: Person, text: string): Promise<string> {
    const escaped = text.replace(/@(ana|bob|cleo)\b/gu, (_, p: Person) => `<@${PEOPLE[p].id}>`);
    const { message, answer } = await this.e2e.say((await this.roomChannel()).id, PEOPLE[who], escaped);
    if (answer.status !== 200) throw new Error(`Slack: a room message answered HTTP ${answer.status}`);
    return message.ts;
  }

  async highlight(who: Person, messageId: string): Promise<void> {
    const room = await this.roomChannel();
    const message = this.e2e.slack.messagesIn(room.id).find((m) => m.ts === messageId);
    await this.e2e.event({
      type: 'reaction_added', user: PEOPLE[who].id, reaction: 'pushpin', item_user: message?.user,
      item: { type: 'message', channel: room.id, ts: messageId }, event_ts: `${Date.now() / 1000}`,
    });
  }

  async press(who: Person, actionId: string): Promise<void> {
    const room = await this.roomChannel();
    const message = this.e2e.slack.messagesIn(room.id).filter((m) => m.bot_id && JSON.stringify(m.blocks ?? []).includes(`"action_id":"${actionId}`)).at(-1);
    if (!message) throw new Error(`Slack: no message in the room has a ${actionId} button`);
    const answer = await this.e2e.click(message, actionId, PEOPLE[who], room);
    if (answer.status !== 200) throw new Error(`Slack: the ${actionId} button answered HTTP ${answer.status}`);
  }

  settle(): Promise<void> {
    return this.e2e.settle();
  }

  async timeline(): Promise<TimelineEntry[]> {
    return this.e2e.timeline(1);
  }

  /** The Markdown file Muster shared in the room. */
  async postmortem(): Promise<string> {
    const [file] = this.e2e.slack.filesIn((await this.roomChannel()).id);
    if (!file?.content) throw new Error('Slack: no postmortem document was shared in the room');
    return file.content;
  }

  stop(): Promise<void> {
    return this.e2e.stop();
  }

  private async roomChannel(): Promise<SlackChannel> {
    return (this.room ??= await this.e2e.roomOf(1));
  }
}
