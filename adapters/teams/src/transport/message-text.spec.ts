import { expect } from 'chai';
import type { PersonRef } from '@muster/core';
import type { InboundActivity } from './activity.schema';
import { messageTextOf } from './message-text';

const BOT = { id: '28:app', name: 'Muster' };
const activity = (text: string, entities: unknown[]): InboundActivity => ({
  type: 'message', id: '1', serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: '29:ana', name: 'Ana' }, recipient: BOT,
  conversation: { id: '19:c@thread.tacv2' }, text, entities: entities as InboundActivity['entities'],
});
const mention = (id: string, name: string, aadObjectId?: string) => ({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name, ...(aadObjectId ? { aadObjectId } : {}) } });
const none = async (): Promise<PersonRef | undefined> => undefined;
const fromEntity = async (m: { aadObjectId?: string | null; name?: string | null }): Promise<PersonRef | undefined> => (m.aadObjectId ? { platform: 'teams', id: m.aadObjectId, name: m.name ?? undefined } : undefined);

describe('messageTextOf', () => {
  it('removes the bot\'s mention by its entity and turns other mentions into neutral tokens', async () => {
    const a = activity('<at>Muster</at> assign commander <at>Bob Jones</at>', [mention('28:app', 'Muster'), mention('29:bob', 'Bob Jones', 'aad-bob')]);
    expect(await messageTextOf(a, fromEntity)).to.deep.equal({ mentionsBot: true, text: 'assign commander <@teams:aad-bob|Bob Jones>' });
  });

  it('finds the bot by its account id, not by its name: a person called Muster is not the bot', async () => {
    const a = activity('<at>Muster</at> can you look?', [mention('29:someone', 'Muster', 'aad-someone')]);
    expect(await messageTextOf(a, fromEntity)).to.deep.equal({ mentionsBot: false, text: '<@teams:aad-someone|Muster> can you look?' });
  });

  it('keeps an unresolvable mention as the plain name, and drops stray tags', async () => {
    const a = activity('<at>Muster</at> page <at>SRE Team</at> <b>now</b>', [mention('28:app', 'Muster'), mention('19:tag', 'SRE Team')]);
    expect((await messageTextOf(a, none)).text).to.equal('page @SRE Team now');
  });

  it('decodes entities last, so typed markup stays literal text and cannot forge a mention token', async () => {
    const a = activity('<at>Muster</at> note &lt;at&gt;everyone&lt;/at&gt; &amp; &lt;@teams:x|Eve&gt;&nbsp;ok', [mention('28:app', 'Muster')]);
    expect((await messageTextOf(a, none)).text).to.equal('note <at>everyone</at> & @Eve ok');
  });

  it('is a capture (no bot mention) when the text has no entities at all', async () => {
    expect(await messageTextOf(activity('plain words\r\n  here', []), none)).to.deep.equal({ mentionsBot: false, text: 'plain words\nhere' });
  });
});
