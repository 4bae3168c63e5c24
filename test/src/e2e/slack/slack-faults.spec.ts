import { expect } from 'chai';
import { SlackE2E } from './harness';

describe('Slack e2e: Slack Web API faults during room set-up', function () {
  this.timeout(90_000);

  describe('429 with Retry-After on chat.postMessage', () => {
    let e2e: SlackE2E;
    before(async () => {
      // No announcement channel: the card is then the first chat.postMessage, the one refused.
      e2e = await SlackE2E.start({ announce: () => [] });
    });
    after(() => e2e?.stop());

    it('posts the card after the delay Slack asked for, exactly once', async () => {
      e2e.slack.rateLimitNext('chat.postMessage', 1);
      await e2e.command('declare "Queue backlog" --sev SEV2');
      await e2e.settle();
      const room = await e2e.roomOf(1);
      const attempts = e2e.slack.calls('chat.postMessage').filter((c) => c.args.channel === room.id);
      expect(attempts, 'the refused call and the retry').to.have.length(2);
      expect(e2e.postsMentioning(room.id, 'Acknowledge'), 'one card in the room').to.have.length(1);
      expect(e2e.slack.channel(room.id)?.pins).to.have.length(1);
      expect(await e2e.store.repositories.outbox.deadLetters(10)).to.have.length(0);
    });
  });

  describe('channel_not_found on the announcement channel', () => {
    let e2e: SlackE2E;
    before(async () => {
      e2e = await SlackE2E.start({ announce: ({ announcements }) => [announcements, 'C0DELETED'] });
    });
    after(() => e2e?.stop());

    it('keeps the announcement as a dead letter with a readable reason, and the rest of the incident goes on', async () => {
      await e2e.command('declare "Webhooks delayed"');
      await e2e.settle();
      const dead = await e2e.store.repositories.outbox.deadLetters(10);
      expect(dead.map((m) => m.topic)).to.deep.equal(['incident.announce']);
      expect(dead[0]?.lastError).to.include('channel_not_found').and.include('could not find that channel');
      const room = await e2e.roomOf(1);
      expect(e2e.postsMentioning(room.id, 'Acknowledge')).to.have.length(1);
      expect(e2e.postsMentioning(e2e.announcements, 'INC-1')).to.have.length(1);
      const ack = await e2e.command('ack', undefined, room);
      expect(String(ack.json?.text)).to.include('acknowledged');
    });
  });
});
