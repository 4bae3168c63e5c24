/**
 * What "Slack" sends to one Muster server, signed with the signing secret: slash commands, button
 * clicks, modal submissions, shortcuts and Events API deliveries, as Slack shapes them; and what the
 * fake Slack Web API shows afterwards. SlackE2E is one; a suite that runs Slack beside another
 * platform on the same server makes one for that server.
 */
import type { FakeMessage, FakeSlackApi } from '../../fakes/fake-slack-api';
import {
  blockActions, commandFields, eventEnvelope, globalShortcut, messageEvent, messageShortcut, viewSubmission,
  type Answer, type SlackChannel, type SlackUser,
} from './slack-payloads';
import { newEventId, SlackSender, type SendOptions, type SlackAnswer } from './slack-sender';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const ANA: SlackUser = { id: 'U0ANA', name: 'ana' };
export const BOB: SlackUser = { id: 'U0BOB', name: 'bob' };
export const CLEO: SlackUser = { id: 'U0CLEO', name: 'cleo' };

export class SlackClient {
  readonly sender: SlackSender;

  constructor(readonly slack: FakeSlackApi, port: number, readonly general: SlackChannel) {
    this.sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
  }

  get teamId(): string {
    return this.slack.teamId;
  }

  /** `/incident <text>` typed by `user` in `channel`. */
  command(text: string, user: SlackUser = ANA, channel: SlackChannel = this.general, options?: SendOptions): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id });
    return this.sender.command(commandFields(this.teamId, user, channel, text, responseUrl), options);
  }

  /** A click on the `coreActionId` button of a message Muster posted. */
  click(message: FakeMessage, coreActionId: string, user: SlackUser = ANA, channel: SlackChannel = this.general): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id, messageTs: message.ts });
    return this.sender.interaction(blockActions(this.teamId, user, channel, message, coreActionId, responseUrl));
  }

  /** The newest modal Muster opened with this callback id. */
  openedView(callbackId: string): Record<string, unknown> {
    const views = [...this.slack.views.values()].filter((v) => v.callback_id === callbackId);
    const view = views[views.length - 1];
    if (!view) throw new Error(`Muster opened no "${callbackId}" modal`);
    return view;
  }

  submit(view: Record<string, unknown>, answers: Record<string, Answer>, user: SlackUser = ANA): Promise<SlackAnswer> {
    return this.sender.interaction(viewSubmission(this.teamId, user, view, answers));
  }

  globalShortcut(callbackId: string, user: SlackUser = ANA): Promise<SlackAnswer> {
    return this.sender.interaction(globalShortcut(this.teamId, user, callbackId));
  }

  messageShortcut(channel: SlackChannel, message: FakeMessage, callbackId: string, user: SlackUser = ANA): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id });
    return this.sender.interaction(messageShortcut(this.teamId, user, channel, message, callbackId, responseUrl));
  }

  /** An Events API delivery; pass the same `eventId` with `retryNum` for Slack's redeliveries. */
  event(event: Record<string, unknown>, eventId = newEventId(), retryNum?: number): Promise<SlackAnswer> {
    return this.sender.event(eventEnvelope(this.teamId, this.slack.botUserId, event, eventId), retryNum);
  }

  /** A person posts in a channel: the message appears in the fake and its `message` event is delivered. */
  async say(channelId: string, user: SlackUser, text: string, threadTs?: string): Promise<{ message: FakeMessage; answer: SlackAnswer; eventId: string }> {
    const message = this.slack.postAsUser(channelId, user.id, text, threadTs);
    const eventId = newEventId();
    const answer = await this.event(messageEvent(channelId, message), eventId);
    return { message, answer, eventId };
  }

  /** Muster's messages in a channel whose blocks mention `text`. */
  postsMentioning(channelId: string, text: string): FakeMessage[] {
    return this.slack.messagesIn(channelId).filter((m) => m.bot_id && JSON.stringify(m.blocks ?? m.text).includes(text));
  }
}
