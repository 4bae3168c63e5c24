import { MusterError, type AfterAck, type CommandReply, type ConversationRef, type FormView, type Logger, type PersonRef, type ReplySurface, type View } from '@muster/core';
import { renderBlocks } from '../render/render-blocks';
import type { SlackWebClient } from '../slack-web-client';
import type { SlackChatGateway } from '../slack-chat-gateway';
import type { SlackModalsAndPeople } from '../modals-and-people';
import { uploadDocument } from '../outbound/document-upload';
import type { ModalEnvelope } from './modal-envelope';
import { slackRoom } from './request-context';
import { postToResponseUrl, type ResponseUrlMessage } from '../outbound/response-url';
import type { SlackUrls } from '../outbound/slack-urls';

/** Where a reply goes: who asked, from which channel, and the handles Slack gave for answering. */
export interface ReplyTarget {
  readonly workspaceId: string;
  readonly requester: PersonRef;
  readonly channelId?: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
  /** The request's idempotency key; posts made for it carry keys derived from it. */
  readonly requestKey: string;
}

/** A slash command's answer in its own HTTP response: Slack posts it, no Web API call needed. */
export interface CommandAckBody {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly text: string;
  readonly blocks: ReturnType<typeof renderBlocks>['blocks'];
}

export interface ReplyDeliveryDeps {
  readonly api: SlackWebClient;
  readonly webApi: SlackModalsAndPeople;
  readonly gateway: SlackChatGateway;
  readonly urls: SlackUrls;
  readonly afterAck: AfterAck;
  readonly logger: Logger;
  readonly envelope: ModalEnvelope;
}

/** What answered the request: a button's answer goes through its response_url, beside or over the message. */
type RequestKind = 'command' | 'action' | 'form';

/**
 * Core's reply semantics (core `deliverReply`) over Slack. What is Slack's alone stays here: a
 * command's view goes in the HTTP ack itself, a button answers through its response_url, a form
 * opens with the gesture's trigger_id, a document is a file upload, and a channel Muster is not in
 * is answered through the response_url. Everything runs after the ack (AfterAck).
 */
export class SlackReplies {
  constructor(private readonly deps: ReplyDeliveryDeps) {}

  /** The view of a command reply, as the command's HTTP answer. */
  commandAckBody(reply: CommandReply): CommandAckBody | undefined {
    if (!reply.view) return undefined;
    return { response_type: reply.visibility, ...renderBlocks(reply.view) };
  }

  /** After a command: the form and the document; the view too unless it went in the ack. */
  afterCommand(reply: CommandReply, target: ReplyTarget, options: { viewInAck: boolean }): void {
    this.deps.afterAck.deliver('answering a command', reply, this.surface(target, 'command'), { viewShown: options.viewInAck });
  }

  /** After a button's ack: everything, the view through the button's response_url. */
  afterAction(reply: CommandReply, target: ReplyTarget): void {
    this.deps.afterAck.deliver('answering a button', reply, this.surface(target, 'action'));
  }

  /** After a modal closed: the reply goes to the channel the modal was opened from, or to the person. */
  afterForm(reply: CommandReply, target: ReplyTarget): void {
    this.deps.afterAck.deliver('answering a form', reply, this.surface(target, 'form'));
  }

  private surface(target: ReplyTarget, kind: RequestKind): ReplySurface {
    const viaResponseUrl = kind === 'action' && !!target.responseUrl;
    // Posts of one reply are keyed in the order delivery makes them (the view, then a notice), so a
    // redelivered request posts each once and a notice is not taken for a repeat of the view.
    let posts = 0;
    const nextKey = () => (++posts === 1 ? `reply:${target.requestKey}` : `reply:${target.requestKey}:${posts}`);
    return {
      hasConversation: !!target.channelId || viaResponseUrl,
      show: (view, visibility) => (viaResponseUrl ? this.beside(view, visibility, target) : this.post(view, visibility, target, nextKey)),
      direct: (view) => this.direct(view, target, nextKey()),
      ...(viaResponseUrl ? { replace: (view: View) => this.respond(target, { ...renderBlocks(view), replace_original: true }) } : {}),
      openForm: (form) => this.openForm(form, target),
      attach: async (document) => {
        if (!target.channelId) throw new MusterError('invalid_state', 'There is no channel here to share it in.');
        await uploadDocument(this.deps.api, this.deps.urls, target.workspaceId, target.channelId, document);
      },
    };
  }

  private async openForm(form: FormView, target: ReplyTarget): Promise<void> {
    if (!target.triggerId) throw new MusterError('invalid_state', 'Slack gave no trigger_id to open a form with.');
    const wrapped = { ...form, privateMetadata: this.deps.envelope.wrap({ metadata: form.privateMetadata, channelId: target.channelId, responseUrl: target.responseUrl }, target.requester.id) };
    await this.deps.webApi.openModal(target.workspaceId, target.triggerId, wrapped);
  }

  /** A button's answer beside the message it was on. */
  private beside(view: View, visibility: CommandReply['visibility'], target: ReplyTarget): Promise<void> {
    return this.respond(target, { ...renderBlocks(view), response_type: visibility, replace_original: false });
  }

  private async respond(target: ReplyTarget, body: ResponseUrlMessage): Promise<void> {
    await postToResponseUrl(this.deps.urls, target.responseUrl as string, body);
  }

  /**
   * In the channel (in_channel: an idempotent post; ephemeral: only the requester sees it). When Slack
   * refuses the channel (Muster is not in it), the response_url still works.
   */
  private async post(view: View, visibility: CommandReply['visibility'], target: ReplyTarget, nextKey: () => string): Promise<void> {
    const room = slackRoom(target.workspaceId, target.channelId as string);
    try {
      if (visibility === 'in_channel') await this.deps.gateway.post(room, view, { idempotencyKey: nextKey() });
      else await this.deps.gateway.postEphemeral(room, target.requester, view);
    } catch (error) {
      if (!target.responseUrl) throw error;
      this.deps.logger.info('Replying through the response_url: Slack refused the channel', { channel: target.channelId, error: (error as Error).message });
      await this.respond(target, { ...renderBlocks(view), response_type: visibility, replace_original: false });
    }
  }

  /** A direct message from Muster to the requester, for requests that came from no channel. */
  private async direct(view: View, target: ReplyTarget, idempotencyKey: string): Promise<void> {
    const dm: ConversationRef = slackRoom(target.workspaceId, target.requester.id);
    await this.deps.gateway.post(dm, view, { idempotencyKey });
  }
}
