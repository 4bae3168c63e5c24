import { expect } from 'chai';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../command-dispatcher';
import { replyText } from '../../services/follow-up-flows.spec-helper';

describe('timeline in chat: the newest entries of a long timeline', () => {
  it('shows the newest 30 in order and says how many there are, reading only those from the store', async () => {
    const a = buildApp();
    const commands = a.container.get(CommandDispatcher);
    await commands.handleText(a.ctx('alice'), 'declare "Checkout errors" --sev SEV1');
    await a.flush();
    for (let i = 1; i <= 40; i++) await commands.handleText(a.ctx('alice'), `INC-1 note step ${i}`);
    const total = await a.store.repositories.timeline.count((await a.store.repositories.incidents.findByNumber('default', 1))!.id);
    expect(total).to.be.greaterThan(40);

    const asked: unknown[] = [];
    const list = a.store.repositories.timeline.list.bind(a.store.repositories.timeline);
    a.store.repositories.timeline.list = (incidentId, query) => { asked.push(query); return list(incidentId, query); };
    const text = replyText(await commands.handleText(a.ctx('bob'), 'INC-1 timeline'));

    expect(text).to.contain(`Latest 30 of ${total} entries`);
    expect(text).to.contain('step 40').and.to.contain('step 11').and.not.to.contain('step 10');
    expect(text.indexOf('step 39'), 'oldest first').to.be.below(text.indexOf('step 40'));
    expect(asked, 'one read of the tail, never the whole timeline').to.deep.equal([{ newest: 30 }]);
  });
});
