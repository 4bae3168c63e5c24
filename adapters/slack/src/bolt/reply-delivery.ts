import type { CommandReply, ConversationRef, FormView, Logger, PersonRef, View } from '@muster/core';
import { renderBlocks } from '../render/render-blocks';
import type { SlackApiClient } from '../slack-api-client';
import type { SlackChatGateway } from '../slack-chat-gateway';
import type { SlackWebApi } from '../slack-web-api';
import type { AfterAck } from './after-ack';
import { uploadDocument } from './document-upload';
import type { ModalEnvelope } from './modal-envelope';
import { slackRoom } from './request-context';
import { postToResponseUrl } from './response-url';
import type { SlackUrls } from './slack-urls';

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
  readonly api: SlackApiClient;
  readonly webApi: SlackWebApi;
  readonly gateway: SlackChatGateway;
  readonly urls: SlackUrls;
  readonly afterAck: AfterAck;
  readonly logger: Logger;
  readonly envelope: ModalEnvelope;
}

/**
 * Turns core's CommandReply into Slack: the part that fits in the ack, and the follow-ups that run
 * after it (open a modal, share a document, post where a modal was opened from).
 */
export class ReplyDelivery {
  constructor(private readonly deps: ReplyDeliveryDeps) {}

  /** The view of a command reply, as the command's HTTP answer. */
  commandAckBody(reply: CommandReply): CommandAckBody | undefined {
    if (!reply.view) return undefined;
    return { response_type: reply.visibility, ...renderBlocks(reply.view) };
  }

  /** After a command's ack: the form and the document (the view went out in the ack). */
  afterCommand(reply: CommandReply, target: ReplyTarget): void {
    this.openFormAndShareDocument(reply, target);
  }

  /** After a button's ack: everything, the view through the button's response_url. */
  afterAction(reply: CommandReply, target: ReplyTarget): void {
    this.openFormAndShareDocument(reply, target);
    const view = reply.view;
    if (view) this.deps.afterAck.run('answering a button', () => this.answer(view, reply, target));
  }

  /** After a modal closed: the reply goes to the channel the modal was opened from, or to the person. */
  afterForm(reply: CommandReply, target: ReplyTarget): void {
    this.openFormAndShareDocument(reply, target);
    const view = reply.view;
    if (view) this.deps.afterAck.run('answering a form', () => this.post(view, reply.visibility, target));
  }

  private openFormAndShareDocument(reply: CommandReply, target: ReplyTarget): void {
    const { form, document } = reply;
    if (form) this.deps.afterAck.run(`opening the ${form.formId} form`, () => this.openForm(form, target));
    if (document) {
      this.deps.afterAck.run(`sharing ${document.filename}`, async () => {
        if (!target.channelId) throw new Error('no channel to share the document in');
        try {
          await uploadDocument(this.deps.api, this.deps.urls, target.workspaceId, target.channelId, document);
        } catch (error) {
          await this.post(noticeOf(`The document ${document.filename} could not be attached (${(error as Error).message}) — fetch it from Muster's REST API instead.`), 'ephemeral', target);
          throw error;
        }
      });
    }
  }

  private async openForm(form: FormView, target: ReplyTarget): Promise<void> {
    if (!target.triggerId) throw new Error('Slack gave no trigger_id to open a form with');
    const wrapped = { ...form, privateMetadata: this.deps.envelope.wrap({ metadata: form.privateMetadata, channelId: target.channelId, responseUrl: target.responseUrl }, target.requester.id) };
    await this.deps.webApi.openModal(target.workspaceId, target.triggerId, wrapped);
  }

  /** A button's answer: replace the message it was on, or reply beside it, through its response_url. */
  private async answer(view: View, reply: CommandReply, target: ReplyTarget): Promise<void> {
    if (!target.responseUrl) return this.post(view, reply.visibility, target);
    const rendered = renderBlocks(view);
    await postToResponseUrl(this.deps.urls, target.responseUrl, reply.replaceOriginal
      ? { ...rendered, replace_original: true }
      : { ...rendered, response_type: reply.visibility, replace_original: false });
  }

  /**
   * In the channel (in_channel: an idempotent post; ephemeral: only the requester sees it). When Slack
   * refuses the channel (Muster is not in it), the response_url still works; without a channel, the
   * requester gets it as a direct message from Muster.
   */
  private async post(view: View, visibility: CommandReply['visibility'], target: ReplyTarget): Promise<void> {
    const key = `reply:${target.requestKey}`;
    if (target.channelId) {
      const room = slackRoom(target.workspaceId, target.channelId);
      try {
        if (visibility === 'in_channel') await this.deps.gateway.post(room, view, { idempotencyKey: key });
        else await this.deps.gateway.postEphemeral(room, target.requester, view);
        return;
      } catch (error) {
        if (!target.responseUrl) throw error;
        this.deps.logger.info('Replying through the response_url: Slack refused the channel', { channel: target.channelId, error: (error as Error).message });
        await postToResponseUrl(this.deps.urls, target.responseUrl, { ...renderBlocks(view), response_type: visibility, replace_original: false });
        return;
      }
    }
    const direct: ConversationRef = slackRoom(target.workspaceId, target.requester.id);
    await this.deps.gateway.post(direct, view, { idempotencyKey: key });
  }
}

const noticeOf = (text: string): View => ({ fallback: text, blocks: [{ type: 'text', text: [text], tone: 'warning' }] });
