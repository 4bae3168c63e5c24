import { expect } from 'chai';
import type { FakeTeamsMessage, Json } from '../../fakes/teams/fake-teams-tenant';
import { shown } from './teams-cards';
import { TeamsE2E } from './teams-harness';
import { ANA, BOB, fileConsent, message } from './teams-payloads';

const FILENAME = 'INC-1-postmortem.md';
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const attachmentOf = (m: FakeTeamsMessage | undefined, type: string): Json | undefined =>
  (m?.activity.attachments as Json[] | undefined)?.find((a) => a.contentType === type);

/**
 * The postmortem document on Teams: `@Muster postmortem` in the room offers the Markdown in the
 * requester's 1:1 chat with a file-consent card (Teams lets a bot send files only there, once the
 * person accepts); the accept is answered by uploading the exact bytes to the pre-authorised OneDrive
 * URL Teams gave (the fake's, recording them) and posting the file card. Real server, SDK and JWTs.
 */
describe('Teams e2e: the postmortem document through a file-consent card', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  let room: string;
  let markdown: string;
  const anaChat = () => e2e.tenant.personalChatWith(ANA.aadObjectId);
  const botIn = (conversationId: string) => e2e.tenant.messagesIn(conversationId).filter((m) => m.from === 'bot');
  const offers = () => botIn(anaChat()).filter((m) => attachmentOf(m, FILE_CONSENT));
  const askForPostmortem = async () => {
    const before = offers().length;
    expect((await e2e.send(message(e2e.serviceUrl, ANA, 'postmortem', { toBot: true, conversationId: room }))).status).to.equal(200);
    expect(offers(), 'one consent card in her 1:1 chat').to.have.length(before + 1);
    return attachmentOf(offers().at(-1), FILE_CONSENT)!;
  };
  const answer = async (who: typeof ANA, action: 'accept' | 'decline', card: Json, chat = anaChat()) => {
    const content = card.content as Json;
    const info = action === 'accept' ? e2e.botConnector.acceptFile(who.aadObjectId, String(card.name)) : undefined;
    const activity = fileConsent(e2e.serviceUrl, who, chat, action, action === 'accept' ? content.acceptContext : content.declineContext, info);
    return { activity, reply: await e2e.send(activity) };
  };
  const lastNote = (chat = anaChat()) => shown(botIn(chat).at(-1));

  before(async () => {
    e2e = await TeamsE2E.start({ pump: true });
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV2 Checkout down', { toBot: true }));
    await e2e.settle();
    room = await e2e.roomOf(1);
    await e2e.send(message(e2e.serviceUrl, BOB, 'DB failover started', { conversationId: room }));
    await e2e.send(message(e2e.serviceUrl, ANA, 'resolve', { toBot: true, conversationId: room }));
    await e2e.settle();
    expect((await e2e.incident(1))!.status).to.equal('resolved');
    const { token } = await e2e.store.apiTokens.create('file-consent');
    const res = await fetch(`${e2e.server.url}/api/v1/incidents/INC-1/postmortem`, { headers: { authorization: `Bearer ${token}` } });
    markdown = await res.text();
    expect(markdown).to.include('Checkout down').and.include('DB failover started');
  });
  after(() => e2e?.stop());

  it('offers the document in the requester\'s 1:1 chat, not in the room, with its name and exact size', async () => {
    const roomBefore = botIn(room).length;
    const chatBefore = botIn(anaChat()).length;
    const card = await askForPostmortem();
    expect(card).to.deep.include({ name: FILENAME });
    expect((card.content as Json).sizeInBytes).to.equal(Buffer.byteLength(markdown, 'utf8'));
    const said = JSON.stringify([...botIn(room).slice(roomBefore), ...botIn(anaChat()).slice(chatBefore)]);
    expect(said, 'no "fetch it from the REST API" fallback').not.to.include('be attached');
    expect(botIn(room).slice(roomBefore).filter((m) => attachmentOf(m, FILE_CONSENT)), 'no file offer in the room').to.have.length(0);
    expect(e2e.botConnector.uploads.puts, 'nothing uploaded before the accept').to.have.length(0);
  });

  it('on accept uploads the exact Markdown bytes, without the bot token, then posts the file card; a redelivered accept uploads nothing more', async () => {
    const card = attachmentOf(offers().at(-1), FILE_CONSENT)!;
    const { activity, reply } = await answer(ANA, 'accept', card);
    expect(reply.status).to.equal(200);
    const [file] = e2e.botConnector.uploads.filesOf(ANA.aadObjectId);
    expect(file?.bytes.toString('utf8')).to.equal(markdown);
    expect(e2e.botConnector.uploads.puts.map((p) => p.authorization), 'a pre-authorised URL gets no token').to.deep.equal([undefined]);
    const info = attachmentOf(botIn(anaChat()).at(-1), FILE_INFO);
    expect(info).to.deep.include({ name: FILENAME, contentUrl: activity.value && (activity.value as Json & { uploadInfo: Json }).uploadInfo.contentUrl });
    expect(info!.content).to.deep.equal({ uniqueId: file!.uniqueId, fileType: 'md' });

    const posted = botIn(anaChat()).length;
    expect((await e2e.send(activity)).status, 'the same activity again').to.equal(200);
    const again = await answer(ANA, 'accept', card);
    expect(again.reply.status).to.equal(200);
    expect(e2e.botConnector.uploads.puts, 'uploaded once').to.have.length(1);
    expect(botIn(anaChat()).slice(posted).map(shown), 'a later accept is told, not served twice').to.deep.equal(['This file was already sent to you.']);
  });

  it('on decline sends nothing and says so; accepting afterwards uploads nothing', async () => {
    const card = await askForPostmortem();
    const puts = e2e.botConnector.uploads.puts.length;
    expect((await answer(ANA, 'decline', card)).reply.status).to.equal(200);
    expect(lastNote()).to.include(`Not sent: ${FILENAME}`);
    await answer(ANA, 'accept', card);
    expect(e2e.botConnector.uploads.puts).to.have.length(puts);
    expect(lastNote()).to.include('declined');
  });

  it('a forged accept from someone else uploads nothing, and the offer stays open for the requester', async () => {
    const card = await askForPostmortem();
    const puts = e2e.botConnector.uploads.puts.length;
    const bobChat = e2e.tenant.personalChatWith(BOB.aadObjectId);
    expect((await answer(BOB, 'accept', card, bobChat)).reply.status).to.equal(200);
    expect(e2e.botConnector.uploads.puts, 'nothing uploaded for Bob').to.have.length(puts);
    expect(lastNote(bobChat)).to.include('offered to someone else');
    expect(e2e.botConnector.uploads.filesOf(BOB.aadObjectId)).to.have.length(0);
    await answer(ANA, 'accept', card);
    expect(e2e.botConnector.uploads.filesOf(ANA.aadObjectId).at(-1)?.bytes.toString('utf8')).to.equal(markdown);
  });

  it('an unknown context, or a malformed answer, gets a clear message and uploads nothing', async () => {
    const puts = e2e.botConnector.uploads.puts.length;
    const info = e2e.botConnector.acceptFile(ANA.aadObjectId, FILENAME);
    expect((await e2e.send(fileConsent(e2e.serviceUrl, ANA, anaChat(), 'accept', { offerId: 'not-an-offer' }, info))).status).to.equal(200);
    expect(lastNote()).to.include('no longer open').and.include('postmortem');
    expect((await e2e.send(fileConsent(e2e.serviceUrl, ANA, anaChat(), 'accept', 'garbage'))).status).to.equal(200);
    expect(lastNote()).to.include('not one Muster can act on');
    expect(e2e.botConnector.uploads.puts).to.have.length(puts);
  });

  it('an accept after a restart still uploads the offered document (offers are kept in the store)', async () => {
    const card = await askForPostmortem();
    await e2e.restart();
    expect((await answer(ANA, 'accept', card)).reply.status).to.equal(200);
    expect(e2e.botConnector.uploads.filesOf(ANA.aadObjectId).at(-1)?.bytes.toString('utf8')).to.equal(markdown);
    expect(attachmentOf(botIn(anaChat()).at(-1), FILE_INFO)).to.deep.include({ name: FILENAME });
  });

  it('a failed upload tells the requester, and a retried accept then succeeds', async () => {
    const card = await askForPostmortem();
    e2e.botConnector.failNext('upload file', { status: 503 });
    await answer(ANA, 'accept', card);
    expect(lastNote()).to.include(`${FILENAME} could not be sent`).and.include('HTTP 503');
    expect(attachmentOf(botIn(anaChat()).at(-1), FILE_INFO), 'no file card for a failed upload').to.equal(undefined);
    await answer(ANA, 'accept', card);
    expect(attachmentOf(botIn(anaChat()).at(-1), FILE_INFO)).to.deep.include({ name: FILENAME });
  });
});
