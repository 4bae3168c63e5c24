import { expect } from 'chai';
import type { RequestContext } from '../incidents/request-context';
import { withIncident } from './follow-up-flows.spec-helper';
import { StatusUpdates } from './status-updates';

/** Status updates asked for from outside chat (REST, the dashboard): no conversation, the incident named. */
describe('status updates: drafts from outside chat', () => {
  const api = (key: string, workspaceId = 'default'): RequestContext => ({ actor: { platform: 'api', id: 'token:t1', name: 'ci' }, platform: 'api', workspaceId, idempotencyKey: key });

  it('writes a person\'s draft awaiting approval, once per request key, on the timeline', async () => {
    const s = await withIncident();
    const updates = s.app.container.get(StatusUpdates);
    const first = await updates.write(api('k1'), 'external', 'We are looking into checkout errors.', 'INC-1');
    expect(first.update).to.include({ state: 'pending_approval', audience: 'external', body: 'We are looking into checkout errors.' });
    expect(first.update.author).to.deep.equal({ kind: 'person', person: { platform: 'api', id: 'token:t1', name: 'ci' } });
    const again = await updates.write(api('k1'), 'external', 'We are looking into checkout errors.', 'INC-1');
    expect(again.update.id, 'a retried request finds its draft').to.equal(first.update.id);
    expect(await s.app.store.repositories.statusUpdates.listByIncident(s.incident.id)).to.have.length(1);
    const drafted = (await s.app.store.repositories.timeline.list(s.incident.id)).filter((e) => e.kind === 'ai_draft');
    expect(drafted.map((e) => e.text)).to.deep.equal(['External update drafted by ci; awaiting approval.']);
  });

  it('refuses a draft for another tenant\'s incident as if it did not exist', async () => {
    const s = await withIncident();
    const updates = s.app.container.get(StatusUpdates);
    let refused: unknown;
    try { await updates.write(api('k2', 'globex'), 'internal', 'Hello', 'INC-1'); } catch (error) { refused = error; }
    expect(refused).to.have.property('code', 'not_found');
    expect(await s.app.store.repositories.statusUpdates.listByIncident(s.incident.id)).to.deep.equal([]);
  });

  it('puts an AI draft asked for without a conversation up for approval in the incident\'s room', async () => {
    const s = await withIncident();
    await s.app.container.get(StatusUpdates).requestDraft(api('k3'), 'internal', 'INC-1');
    await s.app.flush();
    const [draft] = await s.app.store.repositories.statusUpdates.listByIncident(s.incident.id);
    expect(draft?.author).to.deep.include({ kind: 'ai', requestedBy: { platform: 'api', id: 'token:t1', name: 'ci' } });
    expect(s.app.gateway.postedTexts(s.room.conversationId).join('\n')).to.include(draft!.body.slice(0, 40));
  });

  it('still refuses an AI draft with neither a conversation nor an incident named', async () => {
    const s = await withIncident();
    let refused: unknown;
    try { await s.app.container.get(StatusUpdates).requestDraft(api('k4'), 'internal'); } catch (error) { refused = error; }
    expect(refused).to.have.property('code', 'invalid_argument');
  });
});
