import type { TeamsPersonInfo } from '../processes/fake-bot-connector.main';

/**
 * Message activities as the Bot Framework channel delivers them from Teams to `/api/messages`: the
 * Activity protocol's fields and Teams' channelData (`19:…@thread.tacv2` channels, `;messageid=`
 * threads, `29:` user ids with their AAD object ids, `28:` for the bot, the bot's mention entity).
 * Both targets get exactly the same bytes.
 */
export interface TeamsPlace {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly teamId: string;
  readonly channelId: string;
  /** The conversation as Teams names it: the channel's id, or `<channel>;messageid=<root>` for a thread. */
  readonly conversationId: string;
}

/** The bot as Teams addresses it (anonymous: no app id, so a fixed account). */
export const BOT = { id: '28:muster-bench-bot', name: 'Muster' } as const;

export interface MessageFields {
  readonly id: string;
  readonly from: TeamsPersonInfo;
  readonly text: string;
  /** `@Muster <text>`: the bot's mention entity is added and the text starts with it. */
  readonly toBot?: boolean;
}

export function messageActivity(place: TeamsPlace, m: MessageFields): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message', id: m.id, timestamp: new Date().toISOString(), localTimestamp: new Date().toISOString(),
    serviceUrl: place.serviceUrl, channelId: 'msteams',
    from: { id: `29:${m.from.aadObjectId}`, name: m.from.name, aadObjectId: m.from.aadObjectId },
    recipient: { ...BOT },
    conversation: { id: place.conversationId, conversationType: 'channel', tenantId: place.tenantId, isGroup: true },
    channelData: { tenant: { id: place.tenantId }, team: { id: place.teamId }, channel: { id: place.channelId } },
    text: m.toBot ? `${mention} ${m.text}` : m.text, textFormat: 'plain', locale: 'en-US',
    entities: [
      ...(m.toBot ? [{ type: 'mention', text: mention, mentioned: { ...BOT } }] : []),
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Lisbon' },
    ],
  };
}

/**
 * Activity ids as Teams gives messages: increasing millisecond-like numbers, unique across the whole
 * run (every phase of every target draws from one sequence, so Muster never sees an id twice unless it
 * is a redelivery on purpose).
 */
export class ActivityIds {
  private next = Date.now() * 10;

  take(): string {
    return String(this.next++);
  }
}
