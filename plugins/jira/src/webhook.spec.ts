import { PayloadError } from '@muster/plugin-sdk';
import { activateForTest, undescribedSettings, webhookRequest } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { statusChangeDelivery } from './fake';
import jira from './index';

const SECRET = 'jira-whsec-9c1f4e2b';

async function ticketing(secrets: Record<string, string> = { WEBHOOK_SECRET: SECRET }, config: Record<string, unknown> = {}) {
  return (await activateForTest(jira, { config: { apiUrl: 'https://acme.atlassian.net', ...config }, secrets })).ports.ticketing;
}
const signed = (from: string, to: string, issueKey = 'OPS-7', secret = SECRET) => webhookRequest(statusChangeDelivery({ issueKey, from, to, secret }));

describe('jira: webhooks from Jira', () => {
  describe('verify', () => {
    it('accepts an X-Hub-Signature made with WEBHOOK_SECRET and refuses one made with another, or a body changed after signing', async () => {
      const port = await ticketing();
      expect(await port.verify!(signed('To Do', 'Done'))).to.deep.equal({ ok: true });
      expect(await port.verify!(signed('To Do', 'Done', 'OPS-7', 'another-secret'))).to.deep.equal({ ok: false, reason: 'no signature matches the body' });
      const delivery = statusChangeDelivery({ issueKey: 'OPS-7', from: 'To Do', to: 'Done', secret: SECRET });
      const tampered = webhookRequest({ rawBody: delivery.rawBody.replace('OPS-7', 'OPS-8'), headers: delivery.headers });
      expect((await port.verify!(tampered)).ok).to.equal(false);
    });

    it('a signed request is judged by its signature alone, even with a right token beside it', async () => {
      const port = await ticketing();
      const delivery = statusChangeDelivery({ issueKey: 'OPS-7', from: 'To Do', to: 'Done', secret: 'wrong' });
      expect((await port.verify!(webhookRequest({ ...delivery, query: { token: SECRET } }))).ok).to.equal(false);
    });

    it('takes the secret as ?token=, an X-Muster-Token header or a bearer token from senders that cannot sign', async () => {
      const port = await ticketing();
      const { rawBody } = statusChangeDelivery({ issueKey: 'OPS-7', from: 'To Do', to: 'Done' });
      expect(await port.verify!(webhookRequest({ rawBody, query: { token: SECRET } }))).to.deep.equal({ ok: true });
      expect(await port.verify!(webhookRequest({ rawBody, headers: { 'X-Muster-Token': SECRET } }))).to.deep.equal({ ok: true });
      expect(await port.verify!(webhookRequest({ rawBody, headers: { authorization: `Bearer ${SECRET}` } }))).to.deep.equal({ ok: true });
      expect((await port.verify!(webhookRequest({ rawBody, query: { token: 'guess' } }))).ok).to.equal(false);
      expect(await port.verify!(webhookRequest({ rawBody }))).to.deep.equal({ ok: false, reason: 'the request has no X-Hub-Signature, no token and no bearer token' });
    });

    it('without WEBHOOK_SECRET refuses everything, an empty signature included', async () => {
      const port = await ticketing({});
      const result = await port.verify!(webhookRequest({ rawBody: '{}', headers: { 'x-hub-signature': 'sha256=' } }));
      expect(result.ok).to.equal(false);
      expect((result as { reason: string }).reason).to.include('MUSTER_PLUGIN_JIRA_WEBHOOK_SECRET');
    });
  });

  describe('ticketEvents', () => {
    it('an issue entering a done status is done, leaving one is open again, other moves mean nothing', async () => {
      const port = await ticketing({ WEBHOOK_SECRET: SECRET }, { doneStatuses: ['Done', 'Closed'] });
      expect(await port.ticketEvents!(signed('In Progress', 'Done'))).to.deep.equal([{ ticketId: 'OPS-7', state: 'done' }]);
      expect(await port.ticketEvents!(signed('To Do', 'closed'))).to.deep.equal([{ ticketId: 'OPS-7', state: 'done' }]);
      expect(await port.ticketEvents!(signed('Done', 'In Progress'))).to.deep.equal([{ ticketId: 'OPS-7', state: 'open' }]);
      expect(await port.ticketEvents!(signed('Done', 'Closed'))).to.deep.equal([]);
      expect(await port.ticketEvents!(signed('To Do', 'In Progress'))).to.deep.equal([]);
    });

    it('other events and changes without a status are nothing; a body that is not Jira\'s is a PayloadError naming why', async () => {
      const port = await ticketing();
      expect(await port.ticketEvents!(webhookRequest({ body: { webhookEvent: 'jira:issue_created', issue: { key: 'OPS-1' } } }))).to.deep.equal([]);
      expect(await port.ticketEvents!(webhookRequest({ body: { webhookEvent: 'jira:issue_updated', issue: { key: 'OPS-1' }, changelog: { items: [{ field: 'priority', fromString: 'Done', toString: 'High' }] } } }))).to.deep.equal([]);
      expect(await port.ticketEvents!(webhookRequest({ body: { webhookEvent: 'jira:issue_updated', issue: { key: 'OPS-1' }, changelog: { items: [{ field: 'status', fromString: 'Done' }] } } })), 'no target status: unknown, not reopened').to.deep.equal([]);
      for (const body of [[1, 2], 'text', null]) {
        await ticketEventsError(port, webhookRequest({ body }), 'the body is not a JSON object');
      }
      await ticketEventsError(port, webhookRequest({ rawBody: 'not json' }), 'the body is not a JSON object');
      await ticketEventsError(port, webhookRequest({ body: { webhookEvent: 'jira:issue_updated', issue: { key: 'javascript:x' } } }), 'issue.key is missing or not an issue key');
    });

    it('reads a huge changelog without trouble, taking the last status change', async () => {
      const port = await ticketing();
      const items = Array.from({ length: 5000 }, (_, i) => ({ field: 'labels', fromString: '', toString: `l${i}` }));
      items.push({ field: 'status', fromString: 'In Progress', toString: 'Done' });
      expect(await port.ticketEvents!(webhookRequest({ body: { webhookEvent: 'jira:issue_updated', issue: { key: 'OPS-9' }, changelog: { items } } }))).to.deep.equal([{ ticketId: 'OPS-9', state: 'done' }]);
    });
  });

  it('describes every setting and needs an apiUrl (there is no default site)', async () => {
    expect(undescribedSettings(jira.configSchema)).to.deep.equal([]);
    expect(jira.configSchema.safeParse({}).success).to.equal(false);
    expect(jira.configSchema.safeParse({ apiUrl: 'ftp://acme.atlassian.net' }).success).to.equal(false);
    expect(jira.configSchema.parse({ apiUrl: 'https://acme.atlassian.net/' })).to.deep.include({ apiUrl: 'https://acme.atlassian.net', deployment: 'cloud', issueType: 'Task', doneStatuses: ['Done'] });
  });
});

async function ticketEventsError(port: Awaited<ReturnType<typeof ticketing>>, request: ReturnType<typeof webhookRequest>, reason: string): Promise<void> {
  try {
    await port.ticketEvents!(request);
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    expect((error as PayloadError).reason).to.equal(reason);
    return;
  }
  throw new Error('ticketEvents accepted the body');
}
