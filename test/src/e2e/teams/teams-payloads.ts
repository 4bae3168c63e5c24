import { randomUUID } from 'node:crypto';

/**
 * Teams-shaped activities as the Bot Framework channel delivers them to `/api/messages`: the fields
 * and id forms of the Activity protocol and Teams' channelData (`19:…@thread.tacv2` channels,
 * `;messageid=` threads, `29:` user ids with their AAD object ids, `28:` for the bot).
 */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const APP_ID = '5e2a1b7c-4d3e-4f50-9a6b-7c8d9e0f1a2b';
export const APP_PASSWORD = 'e2e~app~password~0123456789';
export const BOT = { id: `28:${APP_ID}`, name: 'Muster' };
export const TEAM = '19:team-e2e@thread.tacv2';
export const GENERAL = '19:general-e2e@thread.tacv2';
/** A channel of the same team where approved updates go (stakeholderChannels in muster.yaml). */
export const STAKEHOLDERS = '19:stakeholders-e2e@thread.tacv2';

export interface TeamsUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

export const ANA: TeamsUser = { id: '29:ana-bf', name: 'Ana Lima', aadObjectId: '0a0a0a0a-0000-4000-8000-00000000a0a0' };
export const BOB: TeamsUser = { id: '29:bob-bf', name: 'Bob Jones', aadObjectId: '0b0b0b0b-0000-4000-8000-00000000b0b0' };
export const CLEO: TeamsUser = { id: '29:cleo-bf', name: 'Cleo Park', aadObjectId: '0c0c0c0c-0000-4000-8000-00000000c0c0' };

export type Activity = Record<string, unknown> & { id: string; serviceUrl: string; conversation: Record<string, unknown> & { id: string } };

export const newActivityId = (): string => `1${Date.now()}${Math.floor(Math.random() * 1_000)}`;

export interface Where {
  /** The conversation id as Teams sends it; a channel post's is `<channel>;messageid=<its own id>`. */
  readonly conversationId?: string;
  readonly conversationType?: 'channel' | 'groupChat' | 'personal';
}

function base(type: string, serviceUrl: string, from: TeamsUser, where: Where, id = newActivityId()): Activity {
  const conversationType = where.conversationType ?? 'channel';
  const conversationId = where.conversationId ?? (conversationType === 'channel' ? `${GENERAL};messageid=${id}` : `a:chat-${randomUUID().slice(0, 6)}`);
  return {
    type, id, timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { ...BOT },
    conversation: { id: conversationId, conversationType, tenantId: TENANT, ...(conversationType !== 'personal' ? { isGroup: true } : {}) },
    channelData: { tenant: { id: TENANT }, ...(conversationType === 'channel' ? { team: { id: TEAM }, channel: { id: GENERAL } } : {}) },
  };
}

/** A message; `mentions` are named in the text as `<at>Name</at>` with their entities (the bot's too, when `toBot`). */
export function message(serviceUrl: string, from: TeamsUser, text: string, options: Where & { toBot?: boolean; mentions?: readonly TeamsUser[]; aadInEntities?: boolean; id?: string } = {}): Activity {
  const activity = base('message', serviceUrl, from, options, options.id);
  const entities: unknown[] = [];
  let body = text;
  for (const person of options.mentions ?? []) {
    entities.push({ type: 'mention', text: `<at>${person.name}</at>`, mentioned: { id: person.id, name: person.name, ...(options.aadInEntities === false ? {} : { aadObjectId: person.aadObjectId }) } });
    body = body.replace(`@${person.name}`, `<at>${person.name}</at>`);
  }
  if (options.toBot) {
    entities.unshift({ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { ...BOT } });
    body = `<at>${BOT.name}</at> ${body}`;
  }
  return { ...activity, text: body, textFormat: 'plain', entities: [...entities, { type: 'clientInfo', locale: 'en-US' }] };
}

/** An Action.Execute press: `invoke` `adaptiveCard/action` with the card's data, and the verb the card gave it. */
export function cardAction(serviceUrl: string, from: TeamsUser, data: unknown, options: Where & { replyToId?: string } = {}): Activity {
  const verb = (data as { muster?: unknown } | null)?.muster === 'form' ? 'muster.form' : 'muster.action';
  return {
    ...base('invoke', serviceUrl, from, options), name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
  };
}

export function messageUpdate(serviceUrl: string, from: TeamsUser, id: string, text: string, where: Where): Activity {
  const a = base('messageUpdate', serviceUrl, from, where, id);
  return { ...a, text, channelData: { ...(a.channelData as object), eventType: 'editMessage' } };
}

export function messageDelete(serviceUrl: string, from: TeamsUser, id: string, where: Where): Activity {
  const a = base('messageDelete', serviceUrl, from, where, id);
  return { ...a, channelData: { ...(a.channelData as object), eventType: 'softDeleteMessage' } };
}

export function reaction(serviceUrl: string, from: TeamsUser, messageId: string, type: string, added: boolean, where: Where): Activity {
  return { ...base('messageReaction', serviceUrl, from, where), replyToId: messageId, [added ? 'reactionsAdded' : 'reactionsRemoved']: [{ type }] };
}

/** Muster added to a team: `conversationUpdate` with the bot among `membersAdded`. */
export function botAdded(serviceUrl: string, by: TeamsUser): Activity {
  const a = base('conversationUpdate', serviceUrl, by, { conversationId: GENERAL });
  return { ...a, membersAdded: [{ id: BOT.id }], channelData: { ...(a.channelData as object), eventType: 'teamMemberAdded' } };
}

/** Muster added to a group chat: `conversationUpdate` with the bot among `membersAdded`. */
export function botAddedToChat(serviceUrl: string, by: TeamsUser, chatId: string): Activity {
  return { ...base('conversationUpdate', serviceUrl, by, { conversationId: chatId, conversationType: 'groupChat' }), membersAdded: [{ id: BOT.id }] };
}

/**
 * A person's answer to a file-consent card, as Teams delivers it in their 1:1 chat: `invoke`
 * `fileConsent/invoke` with the card's accept or decline context, and on accept the upload session.
 */
export function fileConsent(serviceUrl: string, from: TeamsUser, personalChatId: string, action: 'accept' | 'decline', context: unknown, uploadInfo?: unknown): Activity {
  return {
    ...base('invoke', serviceUrl, from, { conversationId: personalChatId, conversationType: 'personal' }), name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action, context, ...(uploadInfo ? { uploadInfo } : {}) },
  };
}
