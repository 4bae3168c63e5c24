import { expect } from 'chai';
import { messageLink } from './message-links';

describe('messageLink', () => {
  const slackRoom = { platform: 'slack' as const, workspaceId: 'T0WORK', conversationId: 'C0INC', url: 'https://acme.slack.com/archives/C0INC' };

  it('builds a Slack archives permalink from the room URL and the message ts, with the thread for a reply', () => {
    expect(messageLink({ platform: 'slack', conversationId: 'C0INC', messageId: '1700000000.123456' }, [slackRoom]))
      .to.equal('https://acme.slack.com/archives/C0INC/p1700000000123456');
    expect(messageLink({ platform: 'slack', conversationId: 'C0INC', messageId: '1700000001.000200', threadId: '1700000000.123456' }, [slackRoom]))
      .to.equal('https://acme.slack.com/archives/C0INC/p1700000001000200?thread_ts=1700000000.123456&cid=C0INC');
  });

  it('falls back to app_redirect for the channel when the room has no workspace URL, or a URL that is not Slack\'s', () => {
    const expected = 'https://slack.com/app_redirect?channel=C0INC&team=T0WORK';
    expect(messageLink({ platform: 'slack', conversationId: 'C0INC', messageId: '1700000000.1' }, [{ ...slackRoom, url: undefined }])).to.equal(expected);
    expect(messageLink({ platform: 'slack', conversationId: 'C0INC', messageId: '1700000000.1' }, [{ ...slackRoom, url: 'javascript:alert(1)//.slack.com/archives/C0INC' }])).to.equal(expected);
    expect(messageLink({ platform: 'slack', conversationId: 'C0INC', messageId: 'x"><script>' }, [slackRoom])).to.equal(expected);
  });

  it('builds a Teams message deep link with the tenant and, for a channel reply, the parent message', () => {
    const room = { platform: 'teams' as const, workspaceId: 'tenant-1', conversationId: '19:abc@thread.tacv2' };
    expect(messageLink({ platform: 'teams', conversationId: '19:abc@thread.tacv2;messageid=1700', messageId: '1701' }, [room]))
      .to.equal('https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1701?tenantId=tenant-1&parentMessageId=1700');
  });

  it('gives no link for the console, which has no addressable messages', () => {
    expect(messageLink({ platform: 'console', conversationId: 'inc-1', messageId: 'm-1' }, [])).to.equal(undefined);
  });
});
